// HDF5 project: everything written comes back identical (structures, info types, feature
// precision, properties, results, settings); damaged or foreign files give errors that
// name the HDF5 path; a failed save keeps the previous file.
#include <QTemporaryDir>
#include <QtTest>

#include <hdf5.h>

#include <cmath>
#include <fstream>

#include "core/io/extxyz_reader.h"
#include "core/io/file_bytes.h"
#include "core/io/hdf5_project.h"
#include "core/io/loader.h"
#include "core/util/error.h"

using namespace le;

namespace {

Project sampleProject() {
    Project p;
    p.dataset = parseExtxyz("2\nLattice=\"4 0 0 0 5 0 1 0 6\" Properties=species:S:1:pos:R:3:forces:R:3:kind:S:1 "
                            "energy=-1.25 big=9007199254740993 subset=\"bulk a\" v=\"1.5 2\" n=\"1 2\" "
                            "flags=\"T F\" ok=T dihedrals=\"_JSON [\\\"a\\\", \\\"b\\\"]\" pbc=\"T F T\"\n"
                            "Si 0.1 0.2 0.3 1 2 3 core\nO 1 2 3 4 5 6 shell\n"
                            "1\nProperties=species:S:1:pos:R:3:forces:R:3:kind:S:1 energy=2 big=1 subset=mol v=\"0 0\" "
                            "n=\"3 4\" flags=\"F F\" ok=F dihedrals=\"_JSON [\\\"c\\\"]\"\nH 7 8 9 0 0 0 core\n",
                            "sample.xyz");
    MatrixF f32(3, 2);
    f32 << 1.5f, -2.f, 3.25f, 4.f, 5.f, 6.f;
    p.dataset.addFeatureSet(FeatureSet{"PET / v1", Level::Atom, f32, "pet.npy"});
    MatrixD f64(2, 3);
    f64 << 0.1, 0.2, 0.3, 0.4, 0.5, 1e-300;
    FeatureSet mace{"mace", Level::Structure, f64, "mace.npy"};
    mace.enabled = false;
    p.dataset.addFeatureSet(mace);
    p.settingsJson = R"({"k": 20, "split": "random"})";
    StoredResult gfre;
    gfre.name = "GFRE";
    gfre.arrays["matrix"] = (MatrixD(2, 2) << 0, 0.25, std::nan(""), 0).finished();
    gfre.arrays["split/train"] = (MatrixD(2, 1) << 0, 2).finished();
    gfre.attributes["models"] = "PET / v1,mace";
    p.results.push_back(gfre);
    p.results.push_back(StoredResult{"empty", {}, {}});
    return p;
}

std::string errorOf(const std::string& path) {
    try {
        readProject(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

} // namespace

class TestIoHdf5Project : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string path(const char* name) { return dir_.filePath(name).toStdString(); }

private slots:
    void roundTrip() {
        const Project original = sampleProject();
        writeProject(path("p.h5"), original);
        const Project back = readProject(path("p.h5"));
        const Dataset& a = original.dataset;
        const Dataset& b = back.dataset;
        QCOMPARE(b.frameCount(), Eigen::Index(2));
        QCOMPARE(b.offsets(), a.offsets());
        for (std::size_t f = 0; f < 2; ++f) {
            QCOMPARE(b.frames()[f].species, a.frames()[f].species);
            QVERIFY(b.frames()[f].positions == a.frames()[f].positions);
            QVERIFY(b.frames()[f].cell == a.frames()[f].cell);
            QCOMPARE(b.frames()[f].hasCell, a.frames()[f].hasCell);
            QCOMPARE(b.frames()[f].pbc, a.frames()[f].pbc);
            QCOMPARE(b.frames()[f].info.size(), a.frames()[f].info.size());
            for (const auto& [key, value] : a.frames()[f].info)
                QVERIFY2(b.frames()[f].info.at(key).value == value.value, key.c_str());
        }
        QCOMPARE(std::get<long long>(b.frames()[0].info.at("big").value), 9007199254740993LL);
        QCOMPARE(std::get<std::vector<std::string>>(b.frames()[0].info.at("dihedrals").value),
                 (std::vector<std::string>{"a", "b"}));

        QCOMPARE(b.featureSets().size(), std::size_t(2));
        const FeatureSet* pet = b.findFeatureSet("PET / v1");
        QVERIFY(pet && pet->isFloat32() && pet->level == Level::Atom && pet->enabled);
        QVERIFY(std::get<MatrixViewF>(pet->data) == std::get<MatrixViewF>(a.featureSets()[0].data));
        QCOMPARE(QString::fromStdString(pet->origin), QString("pet.npy"));
        const FeatureSet* mace = b.findFeatureSet("mace");
        QVERIFY(mace && !mace->isFloat32() && mace->level == Level::Structure && !mace->enabled);
        QCOMPARE(mace->toDouble()(1, 2), 1e-300);

        QCOMPARE(b.properties().size(), a.properties().size());
        for (const auto& p : a.properties()) {
            const Property* q = b.findProperty(p.name, p.level);
            QVERIFY2(q, p.name.c_str());
            QCOMPARE(q->isText, p.isText);
            QVERIFY(q->labels == p.labels);
            QVERIFY(q->numbers == p.numbers);
        }
        QCOMPARE(b.frameLabels("subset").value(), (std::vector<std::string>{"bulk a", "mol"}));

        QCOMPARE(back.settingsJson, original.settingsJson);
        QCOMPARE(back.results.size(), std::size_t(2));
        const StoredResult& r = back.results[0];
        QCOMPARE(QString::fromStdString(r.name), QString("GFRE"));
        QCOMPARE(r.attributes.at("models"), std::string("PET / v1,mace"));
        QCOMPARE(r.arrays.at("matrix")(0, 1), 0.25);
        QVERIFY(std::isnan(r.arrays.at("matrix")(1, 0)));
        QCOMPARE(r.arrays.at("split/train")(1, 0), 2.0);
        QCOMPARE(QString::fromStdString(back.results[1].name), QString("empty"));
        QVERIFY(back.results[1].arrays.empty());
    }
    void loaderOpensProjects() {
        writeProject(path("l.h5"), sampleProject());
        const Dataset d = loadDataset({path("l.h5")});
        QCOMPARE(d.atomCount(), Eigen::Index(3));
        QVERIFY(d.findFeatureSet("mace"));
    }
    void foreignAndDamagedFiles() {
        std::ofstream(path("text.h5")) << "not hdf5";
        QVERIFY(errorOf(path("text.h5")).find("not an HDF5 file") != std::string::npos);

        hid_t f = H5Fcreate(path("other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        H5Fclose(f);
        QVERIFY(errorOf(path("other.h5")).find("not a Latent Explorer project") != std::string::npos);

        // A structure dataset removed by hand.
        writeProject(path("bad.h5"), sampleProject());
        f = H5Fopen(path("bad.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        H5Ldelete(f, "/structures/pbc", H5P_DEFAULT);
        H5Fclose(f);
        const std::string missing = errorOf(path("bad.h5"));
        QVERIFY2(missing.find("bad.h5, /structures/pbc: missing dataset") != std::string::npos, missing.c_str());
    }
    void misalignedFeatureNamesItsPath() {
        writeProject(path("rows.h5"), sampleProject());
        hid_t f = H5Fopen(path("rows.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        H5Ldelete(f, "/features/1", H5P_DEFAULT);
        hsize_t dims[2] = {5, 3};
        hid_t space = H5Screate_simple(2, dims, nullptr);
        hid_t set = H5Dcreate2(f, "/features/1", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        std::vector<double> zeros(15, 0.0);
        H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros.data());
        hid_t strType = H5Tcopy(H5T_C_S1);
        H5Tset_size(strType, H5T_VARIABLE);
        hid_t scalar = H5Screate(H5S_SCALAR);
        hid_t attr = H5Acreate2(set, "level", strType, scalar, H5P_DEFAULT, H5P_DEFAULT);
        const char* level = "atom";
        H5Awrite(attr, strType, &level);
        H5Aclose(attr);
        H5Sclose(scalar);
        H5Tclose(strType);
        H5Dclose(set);
        H5Sclose(space);
        H5Fclose(f);
        const std::string e = errorOf(path("rows.h5"));
        QVERIFY2(e.find("rows.h5, /features/1:") != std::string::npos && e.find("has 5 rows") != std::string::npos,
                 e.c_str());
    }
    void failedSaveKeepsOldFile() {
        std::ofstream(path("keep.h5")) << "previous";
        Project p = sampleProject();
        p.results[0].attributes["result_name"] = "clash"; // reserved: the save fails midway
        bool threw = false;
        try {
            writeProject(path("keep.h5"), p);
        } catch (const std::invalid_argument&) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(readFileBytes(path("keep.h5")), std::string("previous"));
        QVERIFY(QDir(dir_.path()).entryList({"keep.h5*"}, QDir::Files).size() == 1);
    }

    void unwritableFolderIsAnErrorAndLeavesNoHdf5ErrorRecords() {
        // HDF5 keeps the records of a failed call until cleared; left over, they make the
        // library print "infinite loop closing library" when the program exits.
        QVERIFY_THROWS_EXCEPTION(InputError, writeProject(path("no/such/folder/x.h5"), sampleProject()));
        QCOMPARE(H5Eget_num(H5E_DEFAULT), ssize_t(0));
        std::ofstream(path("text.h5")) << "not hdf5";
        QVERIFY_THROWS_EXCEPTION(InputError, readProject(path("text.h5")));
        QVERIFY_THROWS_EXCEPTION(InputError, readProject(path("missing.h5")));
        QCOMPARE(H5Eget_num(H5E_DEFAULT), ssize_t(0));
    }
};

QTEST_GUILESS_MAIN(TestIoHdf5Project)
#include "test_io_hdf5_project.moc"
