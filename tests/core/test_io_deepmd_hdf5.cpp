// DeePMD's 3-D descriptors (dp eval-desc .npy, dp embed HDF5) and any HDF5 dataset named as
// file.h5:/group/dataset, on fixtures written by tests/data/formats/make_fixtures.py (h5py,
// gzip + shuffle like dp embed): values checked against the fixtures' formula, frame counts
// checked frame by frame, and a path with ':' in its name still opened as a plain file.
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/deepmd_embedding.h"
#include "core/io/hdf5_features.h"
#include "core/io/loader.h"
#include "core/util/error.h"
#include "helpers/formats_fixtures.h"

using namespace le;

namespace {
const std::string& dir = test::formatsDir;
const auto value = test::fixtureValue;
const auto errorOf = test::loadError;

// deepmd.xyz: 3 frames of 3 atoms; row 3f + a.
void checkWater(const FeatureSet& set, Eigen::Index columns) {
    QCOMPARE(set.level, Level::Atom);
    QCOMPARE(set.rows(), Eigen::Index(9));
    QCOMPARE(set.cols(), columns);
    const MatrixD m = set.toDouble();
    for (Eigen::Index r = 0; r < 9; ++r)
        for (Eigen::Index j = 0; j < columns; ++j) QCOMPARE(m(r, j), value(r / 3, r % 3, j));
}

} // namespace

class TestIoDeepmdHdf5 : public QObject {
    Q_OBJECT
private slots:
    void evalDescThreeDimensionalNpy() {
        const Dataset d = loadDataset({dir + "deepmd.xyz", dir + "deepmd_desc.npy"});
        QCOMPARE(d.featureSets().front().name, std::string("deepmd_desc"));
        checkWater(d.featureSets().front(), 4);
    }
    void frameWithOtherAtomCountIsNamed() {
        QCOMPARE(errorOf({dir + "deepmd_frame2_has_4_atoms.xyz", dir + "deepmd_desc.npy"}),
                 QString("deepmd_desc.npy: frame 2 has 4 atoms in deepmd_frame2_has_4_atoms.xyz but 3 in deepmd_desc.npy"));
        QCOMPARE(errorOf({dir + "structures.xyz", dir + "deepmd_desc.npy"}),
                 QString("deepmd_desc.npy: frame 1 has 2 atoms in structures.xyz but 3 in deepmd_desc.npy"));
    }
    void dpEmbedGroupsInNameOrder() {
        const Dataset d = loadDataset({dir + "deepmd.xyz", dir + "dp_embed.h5"});
        QCOMPARE(d.featureSets().size(), std::size_t(3));
        const FeatureSet& descriptor = d.featureSets()[0];
        QCOMPARE(descriptor.name, std::string("dp_embed/descriptor"));
        QCOMPARE(descriptor.origin, std::string("dp_embed.h5:/*/descriptor"));
        QVERIFY(descriptor.isFloat32());
        checkWater(descriptor, 4);
        checkWater(d.featureSets()[1], 2); // atomic_feature
        const FeatureSet& structural = d.featureSets()[2];
        QCOMPARE(structural.name, std::string("dp_embed/structural_feature"));
        QCOMPARE(structural.level, Level::Structure);
        const MatrixD s = structural.toDouble();
        for (int f = 0; f < 3; ++f)
            for (int j = 0; j < 2; ++j) QCOMPARE(s(f, j), value(f, 0, j) + value(f, 1, j) + value(f, 2, j));
        QVERIFY(looksLikeDeepmdEmbedding(listHdf5Datasets(dir + "dp_embed.h5")));
        QVERIFY(!looksLikeDeepmdEmbedding(listHdf5Datasets(dir + "generic.h5")));
        // atom_types (through type_map) must name the structures' elements.
        QCOMPARE(errorOf({dir + "deepmd.xyz", dir + "dp_embed_wrong_types.h5"}),
                 QString("dp_embed_wrong_types.h5:/sys_a/atom_types: frame 1, atom 1 is O in deepmd.xyz but H here "
                         "(are the systems in the order of the structure file?)"));
        QCOMPARE(errorOf({dir + "structures.xyz", dir + "dp_embed.h5"}),
                 QString("dp_embed.h5:/*/descriptor: frame 1 has 2 atoms in structures.xyz but 3 in dp_embed.h5:/*/descriptor"));
    }
    void anyDatasetByPath() {
        const Dataset d = loadDataset({dir + "structures.xyz", dir + "generic.h5:/group/per_atom",
                                       dir + "generic.h5:/group/per_frame"});
        const FeatureSet& atoms = d.featureSets()[0];
        QCOMPARE(atoms.name, std::string("generic/group/per_atom"));
        QCOMPARE(atoms.origin, std::string("generic.h5:/group/per_atom"));
        QCOMPARE(atoms.level, Level::Atom);
        QCOMPARE(atoms.toDouble()(4, 3), value(1, 2, 3)); // frame 1 (3 atoms), atom 2
        const FeatureSet& frames = d.featureSets()[1];
        QCOMPARE(frames.level, Level::Structure);
        QVERIFY(frames.isFloat32());
        QCOMPARE(frames.toDouble()(2, 1), value(2, 0, 1));
        // float16 (h5py's 2-byte IEEE type), converted by HDF5.
        const Dataset half = loadDataset({dir + "structures.xyz", dir + "generic.h5:/half/per_atom"});
        QCOMPARE(half.featureSets().front().toDouble()(6, 1), value(2, 1, 1));
        // 3-D dataset deeper in the file.
        checkWater(loadDataset({dir + "deepmd.xyz", dir + "generic.h5:nested/deep/three_d"}).featureSets().front(), 4);
    }
    void datasetErrorsNameThePath() {
        QVERIFY(errorOf({dir + "structures.xyz", dir + "generic.h5:/group/missing"})
                    .startsWith(QString::fromStdString(dir + "generic.h5, /group/missing: no such dataset; datasets: "
                                                             "/group/per_atom (7, 5) float64; /group/per_frame (3, 3) float32")));
        QCOMPARE(errorOf({dir + "structures.xyz", dir + "generic.h5:/labels"}),
                 QString::fromStdString(dir + "generic.h5, /labels: expected a numeric dataset"));
        QVERIFY(errorOf({dir + "structures.xyz", dir + "generic.h5"}).contains("name the dataset to read as generic.h5:/group/dataset"));
    }
    void listing() {
        const auto all = listHdf5Datasets(dir + "generic.h5");
        QCOMPARE(all.size(), std::size_t(5));
        QCOMPARE(all[0].path, std::string("/group/per_atom"));
        QCOMPARE(all[0].shape, (std::vector<long long>{7, 5}));
        QCOMPARE(all[0].dtype, std::string("float64"));
        QCOMPARE(all[2].dtype, std::string("float16"));
        QCOMPARE(all[3].dtype, std::string("string"));
        QCOMPARE(all[4].path, std::string("/nested/deep/three_d"));
        QCOMPARE(all[4].shape, (std::vector<long long>{3, 3, 4}));
    }
    void argumentsWithColons() {
        QVERIFY(!splitHdf5DatasetArgument(dir + "generic.h5"));
        const auto ref = splitHdf5DatasetArgument(dir + "generic.h5:/group/per_atom");
        QVERIFY(ref);
        QCOMPARE(ref->file, dir + "generic.h5");
        QCOMPARE(ref->dataset, std::string("/group/per_atom"));
        // A file whose name holds ':' (metatrain writes out_mtt::aux::..._features.mts) is a plain path.
        QTemporaryDir tmp;
        const QString odd = tmp.filePath("out_mtt::aux::energy_last_layer_features.npy");
        QVERIFY(QFile::copy(QString::fromStdString(dir + "deepmd_desc.npy"), odd));
        QVERIFY(!splitHdf5DatasetArgument(odd.toStdString()));
        const Dataset d = loadDataset({dir + "deepmd.xyz", odd.toStdString()});
        QCOMPARE(d.featureSets().front().name, std::string("out_mtt::aux::energy_last_layer_features"));
        checkWater(d.featureSets().front(), 4);
        QVERIFY(isFeatureFileArgument(odd.toStdString()));
        QVERIFY(isFeatureFileArgument(dir + "dp_embed.h5"));
        QVERIFY(isFeatureFileArgument(dir + "generic.h5:/labels"));
        QVERIFY(!isFeatureFileArgument(dir + "structures.xyz"));
    }
};

QTEST_GUILESS_MAIN(TestIoDeepmdHdf5)
#include "test_io_deepmd_hdf5.moc"
