// NPY / NPZ reading and NPY writing, on fixtures written by numpy 1.24
// (tests/data/io/make_fixtures.py: m23[i][j] = (3i + j) / 2) and on hand-made corrupt bytes.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "core/io/npy.h"
#include "core/io/npz.h"
#include "core/util/error.h"
#include "helpers/npy_fixtures.h"

using namespace le;

namespace {
const std::string& dataDir = test::npyFixtureDir;
using test::expectM23;
using test::inputErrorOf;
} // namespace

class TestIoNpy : public QObject {
    Q_OBJECT
private slots:
    void float64CFortranAndVersions() {
        for (const char* file : {"f8_c.npy", "f8_fortran.npy", "f8_v2.npy", "f8_v3.npy"}) {
            const NpyArray a = readNpy(dataDir + file);
            QCOMPARE(a.type, NpyType::Float64);
            QCOMPARE(a.shape, (std::vector<long long>{2, 3}));
            expectM23(a.toMatrixD());
        }
    }
    void float32StaysFloat32() {
        const NpyArray a = readNpy(dataDir + "f4_c.npy");
        QCOMPARE(QString(a.dtypeName()), QString("float32"));
        const auto data = a.toFeatureData();
        QVERIFY(std::holds_alternative<MatrixF>(data));
        QCOMPARE(std::get<MatrixF>(data)(1, 2), 2.5f);
        expectM23(a.toMatrixD());
    }
    void integersBoolsAndText() {
        const MatrixD i4 = readNpy(dataDir + "i4.npy").toMatrixD();
        QCOMPARE(i4(0, 0), -1.0);
        QCOMPARE(i4(0, 1), 2.0);
        QCOMPARE(i4(1, 0), 3.0);
        QCOMPARE(i4(1, 1), -4.0);
        // 2^53 + 1 is not representable as a double: indices must stay exact int64.
        const auto idx = readNpy(dataDir + "i8_1d.npy").toIndices();
        QCOMPARE(idx, (std::vector<long long>{0, 5, 9007199254740993LL}));
        const NpyArray b = readNpy(dataDir + "b1.npy");
        QCOMPARE(b.shape, std::vector<long long>{3});
        QCOMPARE(b.valueAt(0), 1.0);
        QCOMPARE(b.valueAt(1), 0.0);
        QCOMPARE(b.valueAt(2), 1.0);
        const NpyArray t = readNpy(dataDir + "text.npy");
        QCOMPARE(t.type, NpyType::Text);
        QCOMPARE(t.text, (std::vector<std::string>{"known", "\xC3\x84-\xC3\x9F"}));
    }
    void rejectsBigEndianObjectAnd3dClearly() {
        QVERIFY(inputErrorOf([] { readNpy(dataDir + "big_endian.npy"); }).find("big-endian") != std::string::npos);
        const std::string object = inputErrorOf([] { readNpy(dataDir + "object.npy"); });
        QVERIFY(object.find("object arrays") != std::string::npos);
        QVERIFY(object.find("object.npy") != std::string::npos);
        bool threw = false;
        try {
            readNpy(dataDir + "f3d.npy").toMatrixD();
        } catch (const std::runtime_error&) {
            threw = true;
        }
        QVERIFY(threw);
    }
    void corruptBytes() {
        const std::string good = encodeNpy(NpyType::Float64, {2, 3}, std::vector<double>(6, 1.0).data());
        QVERIFY(inputErrorOf([] { parseNpy("", "e.npy"); }).find("empty file") != std::string::npos);
        QVERIFY(inputErrorOf([] { parseNpy("hello world, not numpy", "x.npy"); }).find("not a NumPy") != std::string::npos);
        const std::string truncated = inputErrorOf([&] { parseNpy(good.substr(0, good.size() - 5), "t.npy"); });
        QVERIFY2(truncated.find("truncated") != std::string::npos && truncated.find("48 bytes") != std::string::npos,
                 truncated.c_str());
        std::string unknown = good;
        unknown.replace(unknown.find("<f8"), 3, "<c8");
        QVERIFY(inputErrorOf([&] { parseNpy(unknown, "c.npy"); }).find("unsupported dtype '<c8'") != std::string::npos);
        std::string version = good;
        version[6] = 9;
        QVERIFY(inputErrorOf([&] { parseNpy(version, "v.npy"); }).find("version 9") != std::string::npos);
        std::string huge = good;
        huge.replace(huge.find("(2,3)"), 5, "(99999999999,99999999)");
        QVERIFY(!inputErrorOf([&] { parseNpy(huge, "h.npy"); }).empty());
    }
    void writerRoundTripsAndKeepsOldFileOnFailure() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.npy").toStdString();
        MatrixD m(2, 3);
        m << 0, 0.5, 1, 1.5, 2, 2.5;
        writeNpy(path, m);
        expectM23(readNpy(path).toMatrixD());
        writeNpy(path, std::vector<long long>{7, -3});
        QCOMPARE(readNpy(path).toIndices(), (std::vector<long long>{7, -3}));
        writeNpy(path, std::vector<double>{1.25});
        QCOMPARE(readNpy(path).shape, std::vector<long long>{1});
        // The header is padded so that the data starts on a 64-byte boundary (NEP 1).
        QCOMPARE(encodeNpy(NpyType::Float64, {2, 3}, m.data()).size() % 64, std::size_t(48)); // 64-byte header block + 6 doubles
        // Writing into a folder that does not exist fails without touching anything.
        QVERIFY(!inputErrorOf([&] { writeNpy(dir.filePath("missing/x.npy").toStdString(), m); }).empty());
        QCOMPARE(readNpy(path).toMatrixD()(0, 0), 1.25);
    }
    void npzStoredAndDeflated() {
        auto stored = readNpz(dataDir + "stored.npz");
        QCOMPARE(stored.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(stored[0].key), QString("m23"));
        expectM23(stored[0].array.toMatrixD());
        QCOMPARE(stored[1].array.toIndices(), (std::vector<long long>{3, 1, 2}));
        auto deflated = readNpz(dataDir + "deflated.npz");
        QCOMPARE(deflated.size(), std::size_t(3));
        expectM23(deflated[0].array.toMatrixD());
        QCOMPARE(deflated[1].array.type, NpyType::Float32);
        QCOMPARE(deflated[2].array.text, (std::vector<std::string>{"a", "bb"}));
    }
    void npzCorruption() {
        std::ifstream in(dataDir + "deflated.npz", std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        QVERIFY(inputErrorOf([&] { parseNpz(bytes.substr(0, bytes.size() / 2), "half.npz"); }).find("half.npz") !=
                std::string::npos);
        std::string flipped = bytes;
        flipped[60] = char(flipped[60] ^ 0x55); // inside the first deflated member
        const std::string crc = inputErrorOf([&] { parseNpz(flipped, "flip.npz"); });
        QVERIFY2(crc.find("member m23.npy") != std::string::npos, crc.c_str());
        QVERIFY(inputErrorOf([] { parseNpz("", "e.npz"); }).find("empty file") != std::string::npos);
        QVERIFY(inputErrorOf([] { parseNpz("PK\x05\x06 definitely not", "z.npz"); }).find("z.npz") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestIoNpy)
#include "test_io_npy.moc"
