// Memory-mapped and directly read .npy feature matrices (core/io/npy_features.h): the same
// values as readNpy (numpy-written fixtures: m23[i][j] = (3i + j) / 2, and files of known
// values written here), truncated or lying files refused with the file named, copies that
// share the mapping, rows released from resident memory, and computeAllPairs on mapped sets
// equal bit for bit to the same sets in memory.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/dataset/dataset.h"
#include "core/io/loader.h"
#include "core/io/npy.h"
#include "core/io/npy_features.h"
#include "core/metrics/all_pairs.h"
#include "core/util/error.h"
#include "helpers/npy_fixtures.h"

using namespace le;

namespace {
const std::string& ioData = test::npyFixtureDir;
using test::inputErrorOf;

// A value that differs in every element and uses the whole float mantissa.
double valueAt(Eigen::Index i, Eigen::Index j) { return std::sin(0.37 * double(i) + 1.91 * double(j)) * 1e3 / 7.0; }

template <typename Matrix> Matrix knownMatrix(Eigen::Index rows, Eigen::Index cols) {
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = typename Matrix::Scalar(valueAt(i, j));
    return m;
}

// Bitwise equality of a stored set and a matrix (NaN-free data).
template <typename Matrix> bool sameBits(const FeatureData& data, const Matrix& expected) {
    return std::visit(
        [&](const auto& m) {
            using Scalar = typename std::decay_t<decltype(m)>::Scalar;
            if constexpr (!std::is_same_v<Scalar, typename Matrix::Scalar>) return false;
            else return m.rows() == expected.rows() && m.cols() == expected.cols() &&
                        std::memcmp(m.data(), expected.data(), std::size_t(m.size()) * sizeof(Scalar)) == 0;
        },
        data);
}

MatrixD toMatrixD(const FeatureData& data) {
    return std::visit([](const auto& v) -> MatrixD { return v.template cast<double>(); }, data);
}

// Resident bytes of this process's mapping that holds `address` (/proc/self/smaps, Linux).
long long residentBytesOfMappingAt(const void* address) {
    std::ifstream smaps("/proc/self/smaps");
    std::string line;
    bool inside = false;
    const auto at = reinterpret_cast<std::uintptr_t>(address);
    while (std::getline(smaps, line)) {
        std::uintptr_t begin = 0, end = 0;
        char dash = 0;
        std::istringstream head(line);
        if (head >> std::hex >> begin >> dash >> end && dash == '-') {
            inside = begin <= at && at < end;
            continue;
        }
        if (inside && line.rfind("Rss:", 0) == 0) return std::stoll(line.substr(4)) * 1024;
    }
    return -1;
}
} // namespace

class TestIoNpyMmap : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string path(const std::string& name) const { return dir_.filePath(QString::fromStdString(name)).toStdString(); }

private slots:
    void numpyFixturesMapAndReadAsReadNpy() {
        for (const char* file : {"f4_c.npy", "f8_c.npy", "f8_v2.npy", "f8_v3.npy"})
            for (NpyAccess access : {NpyAccess::Map, NpyAccess::Read}) {
                const auto m = readNpyFeatureMatrix(ioData + file, access);
                QVERIFY2(m, file);
                QCOMPARE(m->shape, (std::vector<long long>{2, 3}));
                QCOMPARE(m->data.isMapped(), access == NpyAccess::Map);
                QCOMPARE(std::holds_alternative<MatrixViewF>(m->data), std::string(file) == "f4_c.npy");
                test::expectM23(toMatrixD(m->data));
            }
        // Layouts a matrix cannot use in place go to readNpy.
        for (const char* file : {"f8_fortran.npy", "i4.npy", "i8_1d.npy", "text.npy", "b1.npy"}) {
            QVERIFY2(!readNpyFeatureMatrix(ioData + file, NpyAccess::Map), file);
            QVERIFY2(!readNpyFeatureMatrix(ioData + file, NpyAccess::Read), file);
        }
        QVERIFY(inputErrorOf([] { readNpyFeatureMatrix(ioData + "big_endian.npy", NpyAccess::Map); }).find("big-endian") !=
                std::string::npos);
    }

    void mappedEqualsReadBitForBit() {
        const MatrixF f = knownMatrix<MatrixF>(1000, 37);
        const MatrixD d = knownMatrix<MatrixD>(513, 64);
        writeNpy(path("f.npy"), f);
        writeNpy(path("d.npy"), d);
        QCOMPARE(double(f(999, 36)), double(float(valueAt(999, 36))));
        for (NpyAccess access : {NpyAccess::Map, NpyAccess::Read}) {
            const auto mf = readNpyFeatureMatrix(path("f.npy"), access);
            const auto md = readNpyFeatureMatrix(path("d.npy"), access);
            QVERIFY(mf && md);
            QVERIFY(sameBits(mf->data, f));
            QVERIFY(sameBits(md->data, d));
            // and equal to what readNpy gives (the general reader)
            QVERIFY(sameBits(mf->data, std::get<MatrixF>(readNpy(path("f.npy")).toFeatureData())));
            QVERIFY(sameBits(md->data, readNpy(path("d.npy")).toMatrixD()));
        }
    }

    void threeDimensionalRowsAreFrameByFrame() {
        // 2 frames × 3 atoms × 4 features; row = frame * 3 + atom.
        std::vector<float> values(24);
        for (std::size_t k = 0; k < values.size(); ++k) values[k] = float(k) * 0.5f;
        std::ofstream(path("desc3d.npy"), std::ios::binary) << encodeNpy(NpyType::Float32, {2, 3, 4}, values.data());
        std::ofstream(path("water.xyz")) << "3\n\nO 0 0 0\nH 1 0 0\nH 0 1 0\n3\n\nO 0 0 0\nH 1 0 0\nH 0 1 0\n";
        LoadOptions mapAll;
        mapAll.mapNpyFromBytes = 0;
        const Dataset d = loadDataset({path("water.xyz"), path("desc3d.npy")}, silentContext(), nullptr, mapAll);
        const FeatureSet& set = d.featureSets().at(0);
        QVERIFY(set.data.isMapped());
        QCOMPARE(set.level, Level::Atom);
        QCOMPARE(set.rows(), Eigen::Index(6));
        QCOMPARE(set.cols(), Eigen::Index(4));
        QCOMPARE(set.toDouble()(4, 2), 9.0); // frame 1, atom 1, feature 2: element 18
    }

    void truncatedOrLyingFilesAreRefusedWithTheirName() {
        const std::vector<float> twelve(12, 1.5f);
        const std::string whole = encodeNpy(NpyType::Float32, {4, 3}, twelve.data());
        std::ofstream(path("short.npy"), std::ios::binary) << whole.substr(0, whole.size() - 5);
        // The header claims 1000 rows; the file holds 4.
        std::string lying = encodeNpy(NpyType::Float32, {1000, 3}, std::vector<float>(3000, 1.f).data());
        lying.resize(whole.size());
        std::ofstream(path("lying.npy"), std::ios::binary) << lying;
        for (const char* name : {"short.npy", "lying.npy"})
            for (NpyAccess access : {NpyAccess::Map, NpyAccess::Read}) {
                const std::string file = path(name);
                const std::string e = inputErrorOf([&] { readNpyFeatureMatrix(file, access); });
                QVERIFY2(e.rfind(file + ", npy data: truncated", 0) == 0, e.c_str());
            }
        QVERIFY(inputErrorOf([&] { readNpyFeatureMatrix(path("lying.npy"), NpyAccess::Map); })
                    .find("shape (1000, 3) of <f4 needs 12000 bytes") != std::string::npos);
        // Through the loader: nothing is loaded, the message names the file.
        std::ofstream(path("four.xyz")) << "4\n\nH 0 0 0\nH 0 0 1\nH 0 1 0\nH 1 0 0\n";
        LoadOptions mapAll;
        mapAll.mapNpyFromBytes = 0;
        const std::string e = inputErrorOf([&] { loadDataset({path("four.xyz"), path("short.npy")}, silentContext(), nullptr, mapAll); });
        QVERIFY2(e.find("short.npy") != std::string::npos && e.find("truncated") != std::string::npos, e.c_str());
        QVERIFY(inputErrorOf([&] { readNpyFeatureMatrix(path("missing.npy"), NpyAccess::Map); }).find("cannot open file") !=
                std::string::npos);
    }

    void copiesShareTheValues() {
        writeNpy(path("share.npy"), knownMatrix<MatrixF>(64, 8));
        const auto mapped = readNpyFeatureMatrix(path("share.npy"), NpyAccess::Map);
        QVERIFY(mapped);
        FeatureSet a{"a", Level::Atom, mapped->data, "share.npy"};
        const FeatureSet b = a;
        QVERIFY(b.data.isMapped());
        QCOMPARE(b.data.values(), a.data.values());
        // A heap matrix is shared the same way; a new matrix for one copy leaves the other as it was.
        FeatureSet heap{"h", Level::Atom, knownMatrix<MatrixD>(5, 2), ""};
        FeatureSet copy = heap;
        QVERIFY(!copy.data.isMapped());
        QCOMPARE(copy.data.values(), heap.data.values());
        copy.data = MatrixD(MatrixD::Zero(5, 2));
        QVERIFY(copy.data.values() != heap.data.values());
        QCOMPARE(heap.toDouble()(4, 1), valueAt(4, 1));
        QCOMPARE(copy.toDouble()(4, 1), 0.0);
        // A moved-from set keeps its values (moves copy the shared pointer).
        FeatureSet moved = std::move(a);
        QCOMPARE(a.data.values(), moved.data.values());
        QCOMPARE(double(std::get<MatrixViewF>(a.data)(63, 7)), double(float(valueAt(63, 7))));
    }

    void onlyTheRowsReadBecomeResident() {
        QVERIFY(residentBytesOfMappingAt(this) > 0); // /proc/self/smaps is readable (Linux)
        // 131072 rows × 128 float32 = 64 MiB.
        const Eigen::Index rows = 131072, cols = 128;
        {
            MatrixF big(rows, cols);
            for (Eigen::Index i = 0; i < rows; ++i) big.row(i).setConstant(float(i % 1000));
            writeNpy(path("big.npy"), big);
        }
        const auto mapped = readNpyFeatureMatrix(path("big.npy"), NpyAccess::Map);
        QVERIFY(mapped && mapped->data.isMapped());
        const FeatureSet set{"big", Level::Atom, mapped->data, "big.npy"};
        const auto& view = std::get<MatrixViewF>(set.data);
        const std::vector<long long> picked{3, 40000, 80001, 131071};
        const MatrixD rowsRead = view(picked, Eigen::all).cast<double>();
        QCOMPARE(rowsRead(1, 5), 0.0);    // 40000 % 1000
        QCOMPARE(rowsRead(3, 127), 71.0); // 131071 % 1000
        const long long fileBytes = rows * cols * 4;
        const long long afterGather = residentBytesOfMappingAt(view.data());
        // Four rows and the header, each with the pages the kernel maps at once around a fault:
        // 64 kB (fault-around), or up to 2 MiB where the page cache holds the file in large folios.
        QVERIFY2(afterGather > 0 && afterGather <= 5 * 2 * 1024 * 1024, qPrintable(QString::number(afterGather)));
        // Reading everything makes it all resident (the measurement can see it)...
        QCOMPARE(view.cast<double>().sum(), 128.0 * (131 * 499500.0 + 71.0 * 72.0 / 2));
        QVERIFY(residentBytesOfMappingAt(view.data()) >= fileBytes - 4096);
        // ...and releasing the rows drops them again; so does the NaN/Inf scan of loading.
        set.data.releaseRows(0, rows);
        QVERIFY(residentBytesOfMappingAt(view.data()) < 64 * 1024);
        QCOMPARE(view(131071, 127), 71.0f); // still readable, from the file again
        QVERIFY(!findNonFinite(set).any());
        QVERIFY2(residentBytesOfMappingAt(view.data()) < 64 * 1024,
                 qPrintable(QString::number(residentBytesOfMappingAt(view.data()))));
    }

    void loaderMapsOnlyFromTheThreshold() {
        std::ofstream(path("eight.xyz")) << "8\n\nH 0 0 0\nH 0 0 1\nH 0 1 0\nH 1 0 0\nH 1 1 0\nH 1 0 1\nH 0 1 1\nH 1 1 1\n";
        const MatrixF small = knownMatrix<MatrixF>(8, 4), large = knownMatrix<MatrixF>(8, 400);
        writeNpy(path("small.npy"), small);
        writeNpy(path("large.npy"), large);
        // The same values in a Fortran-order file are read (reordered into C order) instead.
        const Eigen::MatrixXf columnMajor = large;
        std::string fortran = encodeNpy(NpyType::Float32, {8, 400}, columnMajor.data());
        fortran.replace(fortran.find("False"), 5, "True ");
        std::ofstream(path("fortran.npy"), std::ios::binary) << fortran;
        LoadOptions options;
        options.mapNpyFromBytes = 4096;
        const Dataset d = loadDataset({path("eight.xyz"), path("small.npy"), path("large.npy"), path("fortran.npy")},
                                      silentContext(), nullptr, options);
        QVERIFY(!d.findFeatureSet("small")->data.isMapped());
        QVERIFY(d.findFeatureSet("large")->data.isMapped());
        QVERIFY(!d.findFeatureSet("fortran")->data.isMapped());
        QVERIFY(sameBits(d.findFeatureSet("small")->data, small));
        QVERIFY(sameBits(d.findFeatureSet("large")->data, large));
        QVERIFY(sameBits(d.findFeatureSet("fortran")->data, large));
        // The default never maps.
        const Dataset plain = loadDataset({path("eight.xyz"), path("large.npy")});
        QVERIFY(!plain.featureSets()[0].data.isMapped());
        QVERIFY(sameBits(plain.featureSets()[0].data, large));
    }

    void allPairsOnMappedSetsEqualsSetsInMemory() {
        // CH4 power spectrum and bispectrum (162 structures, skmatter's reference values), as
        // float64 and float32 files.
        const std::string metrics = LE_TEST_DATA_DIR "/metrics/";
        const MatrixD ps = readNpy(metrics + "ch4_power_spectrum.npy").toMatrixD();
        const MatrixD bs = readNpy(metrics + "ch4_bispectrum.npy").toMatrixD();
        const MatrixF psF = ps.cast<float>();
        writeNpy(path("ps.npy"), ps);
        writeNpy(path("bs.npy"), bs);
        writeNpy(path("psF.npy"), psF);
        const std::vector<FeatureSet> inMemory{FeatureSet{"ps", Level::Atom, ps, ""}, FeatureSet{"bs", Level::Atom, bs, ""},
                                               FeatureSet{"psF", Level::Atom, psF, ""}};
        std::vector<FeatureSet> mapped;
        for (const char* name : {"ps", "bs", "psF"}) {
            const auto m = readNpyFeatureMatrix(path(std::string(name) + ".npy"), NpyAccess::Map);
            QVERIFY(m && m->data.isMapped());
            mapped.push_back(FeatureSet{name, Level::Atom, m->data, ""});
        }
        auto pointers = [](const std::vector<FeatureSet>& sets) {
            std::vector<const FeatureSet*> p;
            for (const auto& s : sets) p.push_back(&s);
            return p;
        };
        const AllPairsResult a = computeAllPairs(pointers(inMemory), MetricSettings{}, {}, silentContext());
        const AllPairsResult b = computeAllPairs(pointers(mapped), MetricSettings{}, {}, silentContext());
        // skmatter's GFRE ps → bs (as in test_metrics_all_pairs)
        QVERIFY(std::abs(b.matrices.at(Measure::GFRE)(0, 1) - 0.22908196202476652) < 1e-7 * 0.23);
        for (const auto& [measure, matrix] : a.matrices) {
            const Eigen::MatrixXd& other = b.matrices.at(measure);
            QVERIFY(std::memcmp(matrix.data(), other.data(), std::size_t(matrix.size()) * sizeof(double)) == 0);
            for (std::size_t s = 0; s < 3; ++s)
                for (std::size_t t = 0; t < 3; ++t) {
                    const Eigen::VectorXd& pa = a.pairs.at(measure)[s][t].pointwise;
                    const Eigen::VectorXd& pb = b.pairs.at(measure)[s][t].pointwise;
                    QCOMPARE(pa.size(), pb.size());
                    QVERIFY(pa.size() > 0);
                    QVERIFY(std::memcmp(pa.data(), pb.data(), std::size_t(pa.size()) * sizeof(double)) == 0);
                }
        }
    }
};

QTEST_GUILESS_MAIN(TestIoNpyMmap)
#include "test_io_npy_mmap.moc"
