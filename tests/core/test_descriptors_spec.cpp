// Descriptor specifications: parsing, canonical text, errors naming the bad key, and the
// feature sets built for a Dataset (names, alignment, progress, cancellation).
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "core/descriptors/descriptor_spec.h"
#include "core/util/error.h"

using namespace le;

namespace {

Dataset twoMolecules() {
    Dataset d;
    for (double stretch : {1.0, 1.2}) {
        Frame f;
        f.species = {8, 1, 1};
        f.positions.resize(3, 3);
        f.positions << 0, 0, 0, 0.96 * stretch, 0, 0, -0.24, 0.93, 0;
        d.addFrame(f);
    }
    return d;
}

QString errorOf(const std::string& spec) {
    try {
        parseDescriptorSpec(spec);
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestDescriptorSpec : public QObject {
    Q_OBJECT
private slots:
    void parsesSoapOptions() {
        const auto s = parseDescriptorSpec("soap:n_max=4, l_max=3,r_cut=4.5,sigma=0.4,normalize=false,species=H/C/8");
        QVERIFY(s.kind == DescriptorKind::Soap);
        QCOMPARE(s.soap.nMax, 4);
        QCOMPARE(s.soap.lMax, 3);
        QCOMPARE(s.soap.rCut, 4.5);
        QCOMPARE(s.soap.sigma, 0.4);
        QVERIFY(!s.soap.normalize);
        QCOMPARE(s.soap.species, (std::vector<int>{1, 6, 8}));
        QCOMPARE(QString::fromStdString(s.text()),
                 QString("soap:n_max=4,l_max=3,r_cut=4.5,sigma=0.4,cutoff_width=0.5,normalize=false,species=H/C/O"));
        QCOMPARE(QString::fromStdString(s.displayName()), QString("SOAP n4 l3 rc4.5 σ0.4 raw"));
        // The canonical text parses back to the same options.
        QCOMPARE(parseDescriptorSpec(s.text()).text(), s.text());
    }
    void parsesAcsfAndDefaults() {
        const auto a = parseDescriptorSpec("acsf:r_cut=5,zetas=1/4,angular=0");
        QVERIFY(a.kind == DescriptorKind::Acsf);
        QCOMPARE(a.acsf.rCut, 5.0);
        QCOMPARE(a.acsf.zetas, (std::vector<double>{1, 4}));
        QVERIFY(!a.acsf.angular);
        QCOMPARE(QString::fromStdString(a.displayName()), QString("ACSF rc5 8G2"));
        const auto d = parseDescriptorSpec("soap");
        QCOMPARE(d.soap.nMax, 8);
        QCOMPARE(d.soap.lMax, 6);
        QCOMPARE(d.soap.rCut, 5.0);
    }
    void errorsNameTheProblem() {
        QVERIFY(errorOf("soap:n_max=8,lmax=6").contains("unknown SOAP option 'lmax'"));
        QVERIFY(errorOf("soap:r_cut=five").contains("'r_cut' needs a number, got 'five'"));
        QVERIFY(errorOf("soap:n_max=2.5").contains("'n_max' needs a whole number"));
        QVERIFY(errorOf("soap:species=H/Xy").contains("unknown element 'Xy'"));
        QVERIFY(errorOf("soap:n_max=0").contains("n_max must be between 1 and 20"));
        QVERIFY(errorOf("soap:r_cut=8,sigma=0.05").contains("r_cut/sigma must be at most 100"));
        QVERIFY(errorOf("bispectrum:n_max=2").contains("unknown descriptor 'bispectrum'"));
        QVERIFY(errorOf("acsf:r_cut").contains("expected key=value"));
        QVERIFY(errorOf("acsf:r_cut=6").isEmpty());
    }
    void featureSetForDataset() {
        const Dataset d = twoMolecules();
        const auto spec = parseDescriptorSpec("soap:n_max=3,l_max=2,r_cut=3");
        std::atomic<double> lastProgress{-1};
        TaskContext ctx;
        ctx.progress = [&](double f, std::string_view) { lastProgress = f; };
        const FeatureSet f = computeDescriptorFeatureSet(d, spec, ctx);
        QCOMPARE(lastProgress.load(), 1.0);
        QCOMPARE(f.rows(), d.atomCount());
        // Channels H, O: 2 same-species blocks of 6 (n ≤ n') and one cross block of 9, × 3 l.
        QCOMPARE(f.cols(), Eigen::Index((6 + 6 + 9) * 3));
        QVERIFY(f.level == Level::Atom);
        QCOMPARE(QString::fromStdString(f.origin), QString::fromStdString("built-in " + spec.text()));
        // Normalised rows; the two frames differ only by the stretched O–H bond.
        const MatrixD x = f.toDouble();
        for (int i = 0; i < 6; ++i) QVERIFY(std::abs(x.row(i).norm() - 1.0) < 1e-12);
        QVERIFY((x.row(0) - x.row(3)).norm() > 1e-3);
        Dataset copy = d;
        copy.addFeatureSet(f); // aligned with the dataset
        QCOMPARE(int(copy.featureSets().size()), 1);

        const auto sets = computeDescriptorFeatureSets(d, {spec, parseDescriptorSpec("acsf:r_cut=3")});
        QCOMPARE(int(sets.size()), 2);
        QCOMPARE(QString::fromStdString(sets[1].name), QString("ACSF rc3 8G2 +G4"));
        QVERIFY(sets[0].toDouble() == x);
    }
    void centresAndPooling() {
        const Dataset d = twoMolecules();
        const auto all = computeDescriptor(d.frames(), parseDescriptorSpec("acsf:r_cut=3"));
        // One O per molecule: centres=O gives a per-structure set made of the O rows.
        const FeatureSet o = computeDescriptorFeatureSet(d, parseDescriptorSpec("acsf:r_cut=3,centres=O"));
        QVERIFY(o.level == Level::Structure);
        QVERIFY(o.toDouble().row(1) == all.row(3));
        // Two H per molecule: only with pooling; the mean of rows 1, 2 and of rows 4, 5.
        QVERIFY_THROWS_EXCEPTION(ComputeError,
                                 computeDescriptorFeatureSet(d, parseDescriptorSpec("acsf:r_cut=3,centres=H")));
        const auto spec = parseDescriptorSpec("acsf:r_cut=3,centres=H,pool=mean");
        QCOMPARE(QString::fromStdString(spec.displayName()), QString("ACSF rc3 8G2 +G4 [H] mean"));
        QVERIFY(QString::fromStdString(spec.text()).endsWith(",centres=H,pool=mean"));
        const MatrixD h = computeDescriptorFeatureSet(d, spec).toDouble();
        QCOMPARE(h.rows(), Eigen::Index(2));
        QVERIFY((h.row(1) - 0.5 * (all.row(4) + all.row(5))).cwiseAbs().maxCoeff() < 1e-15);
        // Pooling over a species that a structure lacks has no mean.
        QVERIFY_THROWS_EXCEPTION(ComputeError,
                                 computeDescriptor(d.frames(), parseDescriptorSpec("acsf:centres=C,pool=mean")));
        QVERIFY(errorOf("acsf:pool=max").contains("'pool' is none or mean"));
    }
    void refusesHugeOutput() {
        // 40 species: (40·36 + 780·64)·7 = 359 520 columns; 3000 atoms would need 8.6 GB.
        Dataset d;
        Frame f;
        for (int i = 0; i < 3000; ++i) {
            f.species.push_back(1 + i % 40);
        }
        f.positions = Positions::Zero(3000, 3);
        for (int i = 0; i < 3000; ++i) f.positions(i, 0) = 10.0 * i;
        d.addFrame(f);
        try {
            computeDescriptorFeatureSet(d, parseDescriptorSpec("soap"));
            QFAIL("8.6 GB output accepted");
        } catch (const ComputeError& e) {
            QVERIFY2(QString(e.what()).contains("would need 8 GB") && QString(e.what()).contains("species="),
                     e.what());
        }
    }
    void progressWithinOneLargeFrame() {
        // 3000 atoms in one cell-less frame: progress must still advance in small steps.
        Dataset d;
        Frame f;
        f.species.assign(3000, 6);
        f.positions.resize(3000, 3);
        for (int i = 0; i < 3000; ++i) f.positions.row(i) << 1.5 * (i % 15), 1.5 * ((i / 15) % 15), 1.5 * (i / 225);
        d.addFrame(f);
        std::vector<double> seen;
        std::mutex mutex;
        TaskContext ctx;
        ctx.progress = [&](double x, std::string_view) {
            std::lock_guard lock(mutex);
            seen.push_back(x);
        };
        computeDescriptorFeatureSet(d, parseDescriptorSpec("acsf:r_cut=3,angular=false"), ctx);
        QVERIFY2(seen.size() >= 10, qPrintable(QString::number(seen.size())));
        QCOMPARE(seen.front(), 0.0);
        QCOMPARE(seen.back(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    }
    void cancellation() {
        CancelToken token;
        token.cancel();
        TaskContext ctx;
        ctx.cancel = &token;
        QVERIFY_THROWS_EXCEPTION(OperationCancelled,
                                 computeDescriptorFeatureSet(twoMolecules(), parseDescriptorSpec("soap"), ctx));
    }
};

QTEST_GUILESS_MAIN(TestDescriptorSpec)
#include "test_descriptors_spec.moc"
