// The bundled demo manifest, and the physics it is meant to show: the built-in SOAP with
// librascal's parameters carries the same information as librascal's power spectrum of the
// CH4 carbons (scikit-matter's reference data), and neither can reconstruct the bispectrum.
#include <QtTest>

#include "core/descriptors/demo_manifest.h"
#include "core/io/loader.h"
#include "core/io/npz.h"
#include "core/metrics/pair_measures.h"
#include "core/metrics/splits.h"
#include "core/util/error.h"

using namespace le;

namespace {

const std::string demoDir = LE_TEST_DATA_DIR "/../../resources/demo/";

double gfre(const MatrixD& x, const MatrixD& y) {
    MetricSettings settings;
    return computePairMeasure(Measure::GFRE, x, y, skmatterDefaultSplit(x.rows()), settings).value;
}

} // namespace

class TestDescriptorsDemo : public QObject {
    Q_OBJECT
private slots:
    void manifestLists5Datasets() {
        const DemoManifest m = readDemoManifest(demoDir + "demo.json");
        QCOMPARE(int(m.datasets.size()), 5);
        QCOMPARE(QString::fromStdString(m.defaultId), QString("qm9-50-atoms"));
        QVERIFY(QString::fromStdString(m.about).contains("degenerate manifold"));
        // The default is per-atom: no centres filter, no pooling.
        for (const DescriptorSpec& spec : m.find("qm9-50-atoms")->descriptors)
            QVERIFY(spec.centres.empty() && spec.pool == DescriptorPooling::None);
        for (const auto& d : m.datasets) {
            QVERIFY(!d.about.empty() && !d.title.empty() && !d.descriptors.empty());
            QVERIFY(QFileInfo::exists(QString::fromStdString(d.structures)));
        }
        const DemoDataset* ch4 = m.find("ch4-manifold");
        QVERIFY(ch4);
        QCOMPARE(int(ch4->features.size()), 1);
        QCOMPARE(ch4->descriptors[0].centres, std::vector<int>{6});
    }
    void manifestErrorsNameTheLocation() {
        QTemporaryDir dir;
        const QString path = dir.filePath("demo.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"schema": "latent-explorer-demo/1", "default": "a", "about": "y", "datasets": [
                   {"id": "a", "title": "t", "about": "x", "structures": "s.xyz", "descriptors": []}]})");
        f.close();
        try {
            readDemoManifest(path.toStdString());
            QFAIL("missing structure file accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("datasets[0].structures") && QString(e.what()).contains("s.xyz"),
                     e.what());
        }
        QFile s(dir.filePath("s.xyz"));
        QVERIFY(s.open(QIODevice::WriteOnly));
        s.write("1\n\nH 0 0 0\n");
        s.close();
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"schema": "latent-explorer-demo/1", "default": "a", "about": "y", "datasets": [
                   {"id": "a", "title": "t", "about": "x", "structures": "s.xyz", "descriptors": ["soap:nmax=3"]}]})");
        f.close();
        try {
            readDemoManifest(path.toStdString());
            QFAIL("bad descriptor accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("datasets[0].descriptors[0]") && QString(e.what()).contains("nmax"),
                     e.what());
        }
        // The top-level shortcut must name the default dataset's files.
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"schema": "latent-explorer-demo/1", "default": "a", "about": "y", "structures": "demo.json",
                   "datasets": [{"id": "a", "title": "t", "about": "x", "structures": "s.xyz"}]})");
        f.close();
        try {
            readDemoManifest(path.toStdString());
            QFAIL("inconsistent top-level structures accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("structures: differs from the default"), e.what());
        }
    }
    void methaneDemoMatchesLibrascal() {
        const DemoManifest m = readDemoManifest(demoDir + "demo.json");
        const Dataset d = loadDemoDataset(*m.find("ch4-manifold"));
        // The two reference arrays + three built-in descriptors of the carbon atoms.
        QCOMPARE(int(d.featureSets().size()), 5);
        for (const auto& f : d.featureSets()) {
            QVERIFY(f.level == Level::Structure);
            QCOMPARE(f.rows(), Eigen::Index(162));
        }
        const MatrixD ps = d.findFeatureSet("SOAP_power_spectrum")->toDouble();
        const MatrixD bs = d.findFeatureSet("SOAP_bispectrum")->toDouble();
        const MatrixD ours = d.featureSets()[2].toDouble(); // n_max 2, l_max 2, r_cut 4, σ 0.5
        QCOMPARE(QString::fromStdString(d.featureSets()[2].name), QString("SOAP n2 l2 rc4 σ0.5 raw [C]"));
        // Same information as librascal's power spectrum (different basis details, so not the
        // same numbers): each reconstructs the other almost exactly.
        QVERIFY2(gfre(ours, ps) < 0.01, qPrintable(QString::number(gfre(ours, ps))));
        QVERIFY2(gfre(ps, ours) < 0.01, qPrintable(QString::number(gfre(ps, ours))));
        // And, like it, cannot reconstruct the bispectrum (librascal's PS gives 0.229 here),
        // while the bispectrum reconstructs it.
        const double toBispectrum = gfre(ours, bs);
        QVERIFY2(toBispectrum > 0.2 && toBispectrum < 0.26, qPrintable(QString::number(toBispectrum)));
        QVERIFY(gfre(bs, ours) < 0.01);
    }
    void defaultDemoIsTheFirst50MoleculesOfQm9300() {
        const DemoManifest m = readDemoManifest(demoDir + "demo.json");
        const Dataset small = loadDataset({m.find("qm9-50-atoms")->structures});
        const Dataset large = loadDataset({m.find("qm9-300")->structures});
        QCOMPARE(small.frameCount(), Eigen::Index(50));
        QCOMPARE(small.atomCount(), Eigen::Index(914));
        for (std::size_t f = 0; f < 50; ++f) {
            QCOMPARE(small.frames()[f].species, large.frames()[f].species);
            QVERIFY(small.frames()[f].positions == large.frames()[f].positions);
        }
    }
    void allylDemoPoolsPerStructure() {
        const DemoManifest m = readDemoManifest(demoDir + "demo.json");
        const Dataset d = loadDemoDataset(*m.find("allyl-alcohol-mace-off"));
        QCOMPARE(int(d.featureSets().size()), 5);
        QCOMPARE(d.featureSets()[0].cols(), Eigen::Index(192)); // MACE-OFF small
        for (int k = 0; k < 4; ++k) QVERIFY(d.featureSets()[std::size_t(k)].level == Level::Structure);
        QVERIFY(d.featureSets()[4].level == Level::Atom);
        QCOMPARE(d.featureSets()[4].rows(), Eigen::Index(200));
        // pool=mean of the per-atom SOAP is the frame average of the per-atom rows.
        DescriptorSpec perAtom = m.find("allyl-alcohol-mace-off")->descriptors[0];
        perAtom.pool = DescriptorPooling::None;
        const MatrixD atoms = computeDescriptor(d.frames(), perAtom);
        const MatrixD pooled = d.featureSets()[1].toDouble();
        QVERIFY((pooled.row(7) - atoms.middleRows(70, 10).colwise().mean()).cwiseAbs().maxCoeff() < 1e-14);
    }
};

QTEST_GUILESS_MAIN(TestDescriptorsDemo)
#include "test_descriptors_demo.moc"
