// Every structure and feature file in ../shared/data, checked against numbers obtained
// independently with ASE 3.22 (`ase.io.read(path, ":")`), numpy 1.24 and Python's json
// module (Debian 12 packages). Also: an extxyz we write is read back by ASE.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/chemiscope_reader.h"
#include "core/io/extxyz_reader.h"
#include "core/io/extxyz_writer.h"
#include "core/io/loader.h"
#include "core/io/npy.h"
#include "core/io/npz.h"

using namespace le;

namespace {

const QString dataDir = LE_SHARED_DIR "/data/";
std::string data(const QString& relative) { return (dataDir + relative).toStdString(); }

struct XyzExpectation {
    const char* file;
    long long frames, atoms, periodicFrames;
    double firstX, lastZ; // positions[0][0] of the first frame, positions[-1][2] of the last
};

// From ase.io.read(path, ":") (ASE 3.22.1).
const XyzExpectation xyzFiles[] = {
    {"asap/small_molecules-1000.xyz", 985, 17743, 0, 6.23136046, 5.26570542},
    {"asap/small_molecules-SOAP.xyz", 48, 901, 0, 6.23136046, 5.43572573},
    {"ase-collections/dcdft.extxyz", 71, 254, 71, -2e-08, 0.0},
    {"ase-collections/g2.extxyz", 162, 860, 0, 0.0, -0.14537},
    {"ase-collections/s22.extxyz", 22, 414, 0, -1.578718, 1.7569489},
    {"botnet-3bpa/iso_atoms.xyz", 4, 4, 0, 0.0, 0.0},
    {"botnet-3bpa/train_300K.xyz", 500, 13500, 0, 0.3265699, -0.34460159},
    {"chemiscope/trajectory.xyz", 20, 200, 0, 4.33194475, 2.6807565},
    {"derived/a-si_4096.extxyz", 1, 4096, 1, 42.10443899, 18.80973264},
    {"derived/csd-1000r_first500.extxyz", 500, 64790, 500, 1.78046115, 3.39399161},
    {"derived/gap20_sample215_with_nequip_desc.extxyz", 1, 170, 1, 13.75969139, 7.92780767},
    {"derived/mc3d_1000.extxyz", 1000, 22204, 1000, 1.30805897, 6.40649448},
    {"derived/qm9_6000.extxyz", 6000, 107891, 0, -0.26672564, -2.97843821},
    {"derived/zeolites_1000.extxyz", 1000, 158058, 1000, 2.34883517, 4.560125},
    {"featomic/dataset.xyz", 40, 1380, 40, 2.02312, 1.96008},
    {"featomic/molecular_crystals.xyz", 20, 2666, 20, 1.28413, 1.98484},
    {"featomic/silicon_bulk.xyz", 30, 1620, 30, 7.8554, 11.5319},
    {"feature-space-measures/selection-10k.extxyz", 10000, 50000, 0, 0.0, 0.71333766},
    {"kernel-tutorials/manif-minus-plus.extxyz", 162, 810, 0, 0.0, -0.33682852},
    {"librascal/zundel_dataset.xyz", 1001, 7007, 1001, 0.54045, -1.74187},
    {"ltau-ff/sample_215_GAP20.extxyz", 1, 170, 1, 13.75969139, 7.92780767},
    {"mace-x23/x23_solids_and_molecules.extxyz", 46, 1187, 23, 5.1728, 8.97294794},
    {"nice/methane_100.extxyz", 100, 500, 0, 1.20813614, 0.4684289},
    {"pet-mad-workshop/Li3PS4-sample_test.xyz", 10, 304, 10, 1.49261064, 8.25904966},
    {"pet-mad-workshop/Li3PS4-sample_train.xyz", 80, 2224, 80, 3.1236153, 8.4811384},
    {"pet-mad-workshop/Li3PS4-sample_val.xyz", 10, 304, 10, 1.8112603, 4.69980131},
    {"pet-mad-workshop/MAD-sample_test.xyz", 50, 1867, 50, 4.92927563, 17.57741287},
};

struct ChemiscopeExpectation {
    const char* file;
    long long frames, atoms, withCell;
    const char* property; // first property in sorted order, and its first value
    double firstValue, lastZ;
};

// From json.load(gzip.open(path)).
const ChemiscopeExpectation chemiscopeFiles[] = {
    {"Amorphous-Silicon.json.gz", 1, 4096, 1, "DOS", -6.243368076576122e-49, 18.80973264},
    {"Arginine-Dipeptide.json.gz", 4217, 147595, 0, "CV1", 0.186234, -0.1},
    {"CSD-1000R.json.gz", 500, 64790, 500, "CS_local", 87.69, 3.39399161},
    {"Qm7b.json.gz", 7211, 111180, 0, "C", 1.0, 0.06},
    {"ROY-GCH.json.gz", 264, 37422, 264, "PCA[1]", -0.12289922369423269, 13.6024},
    {"Zeolites.json.gz", 1000, 158058, 1000, "Energy per SiO2", 26.880562476289924, 4.560125},
    {"mace-mp-tsne-m3cd.json.gz", 1000, 22204, 1000, "TSNE 1", 29.3026065826416, 6.40649448},
    {"mace-off-tsne-qm9.json.gz", 6000, 107891, 0, "TSNE 1", 35.84400177001953, -2.9784382107},
    {"soap_kpca_c-gap-20u.json.gz", 6088, 400275, 6088, "KPCA1", 0.19214701036757512, 4.68126},
};

struct ArrayExpectation {
    const char* file;
    const char* key; // "" for .npy
    std::vector<long long> shape;
    const char* dtype;
    double first, last;
};

// From numpy.load (first and last element in C order).
const ArrayExpectation arrays[] = {
    {"chemiscope/trajectory-mace_off_features.npy", "", {20, 192}, "float64", 0.05990168321388931, -0.06773342359500038},
    {"ltau-ff/descriptors_3BPA.npy", "", {13500, 32}, "float32", -0.41208568, 0.11269057},
    {"ltau-ff/descriptors_sample_215_GAP20.npy", "", {170, 32}, "float32", 0.7930941, -0.47083214},
    {"ltau-ff/uncertainties_3BPA.npy", "", {13500}, "float64", 0.8641711825767848, 0.6975919684520729},
    {"derived/a-si_4096_ldos.npz", "env_center", {1500}, "int64", 3, 4091},
    {"derived/a-si_4096_ldos.npz", "ldos_local_avg_6A", {1500, 194}, "float64", -1.0240273211167274e-48, 0.0},
    {"derived/a-si_4096_ldos.npz", "kpcovr", {1500, 2}, "float64", 0.07732550415172906, 0.0525947076789022},
    {"derived/csd-1000r_skmatter_overlap.npz", "frame", {46}, "int64", 0, 470},
    {"derived/zeolites_env_properties.npz", "soap_kpca", {7100, 3}, "float64", 0.005074090256864394, -0.1523880092848544},
    {"derived/zeolites_env_properties.npz", "volume_per_SiO2", {7100}, "float64", 49.59773600927292, 55.59690491995161},
    {"skmatter/beran_roy_properties.npz", "feats", {264, 32}, "float64", -0.12277205457222318, 0.008745525231158183},
    {"skmatter/csd-1000r.npz", "X", {500, 100}, "float64", -0.012527994214936972, -0.01136364655002265},
    {"skmatter/csd-1000r.npz", "original_mapping", {500, 2}, "int64", 0, 17},
    {"skmatter/degenerate_CH4_manifold.npz", "SOAP_bispectrum", {162, 12}, "float64", 3.08483205439736e-05, 1.9647156311209177e-18},
    {"skmatter/nice_dataset.npz", "structural_features", {500, 160}, "float64", 3.9726303146732067, 0.0046910822876261105},
};

} // namespace

class TestSharedReaders : public QObject {
    Q_OBJECT
private slots:
    void everyXyzFileMatchesAse() {
        for (const auto& e : xyzFiles) {
            const Dataset d = readExtxyz(data(e.file));
            long long periodic = 0;
            for (const auto& f : d.frames()) periodic += f.isPeriodic();
            QVERIFY2(d.frameCount() == e.frames, e.file);
            QVERIFY2(d.atomCount() == e.atoms, e.file);
            QVERIFY2(periodic == e.periodicFrames, e.file);
            QVERIFY2(d.frames().front().positions(0, 0) == e.firstX, e.file);
            const Frame& last = d.frames().back();
            QVERIFY2(last.positions(last.atomCount() - 1, 2) == e.lastZ, e.file);
            for (int z : d.atomSpecies()) QVERIFY2(z >= 1 && z <= 118, e.file);
        }
    }
    void featureColumnEqualsItsNpy() {
        // derived/ added the NequIP descriptors of the .npy as column nequip_desc:R:32.
        const Dataset d = readExtxyz(data("derived/gap20_sample215_with_nequip_desc.extxyz"));
        const FeatureSet* column = d.findFeatureSet("nequip_desc");
        QVERIFY(column && column->level == Level::Atom && column->cols() == 32);
        const MatrixD npy = readNpy(data("ltau-ff/descriptors_sample_215_GAP20.npy")).toMatrixD();
        QVERIFY((column->toDouble() - npy).cwiseAbs().maxCoeff() < 1e-6);
        const Dataset soap = readExtxyz(data("asap/small_molecules-SOAP.xyz"));
        const FeatureSet* info = soap.findFeatureSet("SOAP-n4-l3-c1.9-g0.23");
        QVERIFY(info && info->level == Level::Structure && info->cols() == 160);
    }
    void everyArrayMatchesNumpy() {
        for (const auto& e : arrays) {
            NpyArray a;
            if (std::string(e.key).empty()) {
                a = readNpy(data(e.file));
            } else {
                for (auto& m : readNpz(data(e.file)))
                    if (m.key == e.key) a = m.array;
            }
            const std::string what = std::string(e.file) + ":" + e.key;
            QVERIFY2(a.shape == e.shape, what.c_str());
            QVERIFY2(std::string(a.dtypeName()) == e.dtype, what.c_str());
            // numpy prints float32 values with the shortest float32 text: compare as float32.
            auto expected = [&](double v) { return a.type == NpyType::Float32 ? double(float(v)) : v; };
            QVERIFY2(a.valueAt(0) == expected(e.first), what.c_str());
            QVERIFY2(a.valueAt(a.elementCount() - 1) == expected(e.last), what.c_str());
        }
        const auto roy = readNpz(data("skmatter/beran_roy_properties.npz"));
        QCOMPARE(roy[2].array.text.front(), std::string("known"));
        QCOMPARE(roy[2].array.text.back(), std::string("unknown"));
    }
    void everyChemiscopeFileMatchesJson() {
        for (const auto& e : chemiscopeFiles) {
            const Dataset d = readChemiscope(data(QString("chemiscope/") + e.file));
            long long withCell = 0;
            for (const auto& f : d.frames()) withCell += f.hasCell;
            QVERIFY2(d.frameCount() == e.frames, e.file);
            QVERIFY2(d.atomCount() == e.atoms, e.file);
            QVERIFY2(withCell == e.withCell, e.file);
            const Frame& last = d.frames().back();
            QVERIFY2(last.positions(last.atomCount() - 1, 2) == e.lastZ, e.file);
            double first;
            if (const Property* p = d.findProperty(e.property, Level::Structure)) first = p->numbers(0, 0);
            else if (const FeatureSet* f = d.findFeatureSet(e.property)) first = f->toDouble()(0, 0);
            else first = d.findProperty(e.property, Level::Atom)->numbers(0, 0);
            QVERIFY2(first == e.firstValue, e.file);
        }
        // Environments: Zeolites has 7100 Si centres among 158 058 atoms.
        const Dataset z = readChemiscope(data("chemiscope/Zeolites.json.gz"));
        QCOMPARE(z.findProperty("is_environment", Level::Atom)->numbers.sum(), 7100.0);
    }
    void loaderCombinations() {
        const Dataset traj = loadDataset({data("chemiscope/trajectory.xyz"), data("chemiscope/trajectory-mace_off_features.npy")});
        QCOMPARE(traj.findFeatureSet("trajectory-mace_off_features")->level, Level::Structure);
        const Dataset gap = loadDataset({data("ltau-ff/sample_215_GAP20.extxyz"), data("ltau-ff/descriptors_sample_215_GAP20.npy")});
        const FeatureSet* nequip = gap.findFeatureSet("descriptors_sample_215_GAP20");
        QVERIFY(nequip && nequip->level == Level::Atom && nequip->isFloat32());
        try {
            loadDataset({data("ltau-ff/sample_215_GAP20.extxyz"), data("ltau-ff/descriptors_3BPA.npy")});
            QFAIL("13 500 rows attached to 170 atoms");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).contains("13500 rows"));
            QVERIFY(QString(e.what()).contains("sample_215_GAP20.extxyz (170 atoms in 1 frame)"));
        }
    }
    void aseReadsOurExtxyz() {
        const Dataset d = readExtxyz(data("pet-mad-workshop/MAD-sample_test.xyz"));
        MatrixD score(d.atomCount(), 1);
        for (Eigen::Index i = 0; i < score.rows(); ++i) score(i, 0) = 0.5 * double(i);
        QTemporaryDir dir;
        const QString out = dir.filePath("mad_with_score.extxyz");
        writeExtxyz(out.toStdString(), d, {{"lfre score", score}});
        const char* script =
            "import sys, ase.io\n"
            "frames = ase.io.read(sys.argv[1], ':')\n"
            "ref = ase.io.read(sys.argv[2], ':')\n"
            "import numpy as np\n"
            "assert len(frames) == len(ref)\n"
            "assert all((a.numbers == b.numbers).all() for a, b in zip(frames, ref))\n"
            "assert max(abs(a.positions - b.positions).max() for a, b in zip(frames, ref)) == 0\n"
            "assert max(abs(a.cell[:] - b.cell[:]).max() for a, b in zip(frames, ref)) == 0\n"
            "assert all((a.pbc == b.pbc).all() for a, b in zip(frames, ref))\n"
            "scores = np.concatenate([a.arrays['lfre_score'] for a in frames])\n"
            "assert (scores == 0.5 * np.arange(len(scores))).all()\n"
            "assert [a.info['subset'] for a in frames] == [b.info['subset'] for b in ref]\n"
            "print('ok', len(frames), len(scores))\n";
        QProcess python;
        const QString interpreter = QFile::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        python.start(interpreter, {"-c", script, out, dataDir + "pet-mad-workshop/MAD-sample_test.xyz"});
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        QCOMPARE(python.readAllStandardOutput().trimmed(), QByteArray("ok 50 1867"));
    }
};

QTEST_GUILESS_MAIN(TestSharedReaders)
#include "test_shared_readers.moc"
