// Extended XYZ reader: ASE conventions on hand-written frames (every expected value is read
// off the text below) and the bad-input list: each error names file, line and frame.
#include <QtTest>

#include <charconv>
#include <random>

#include "core/io/extxyz_reader.h"
#include "core/io/text_scan.h"
#include "core/util/error.h"

using namespace le;

namespace {

// Frame 1: every column type, every info value form; CRLF line ends; trailing blank lines.
const std::string richFile =
    "2\r\n"
    "Lattice=\"10 0 0 0 11 0 1 0 12\" Properties=species:S:1:pos:R:3:forces:R:3:desc:R:2:tag:I:1:"
    "fixed:L:1:label:S:1:MACE_descriptors:R:10 energy=-1.5 step=7 name=\"two words\" "
    "vec=\"1 2.5 3\" ints={4 5 6} flags=\"T F\" -=T #Structure dihedrals=\"_JSON [1.5, 2]\" "
    "mtt::r2scan_energy=2e-3 pbc=\"T F T\"\r\n"
    "C 0.0 0.5 1.0 0.1 0.2 0.3 1 2 3 T alpha 0 1 2 3 4 5 6 7 8 9\r\n"
    "Cl -1e-1 +2 3E1 0 0 0 -4 -5 -6 F beta 10 11 12 13 14 15 16 17 18 19\r\n"
    "\r\n\r\n";

const std::string threeFrames =
    "1\nLattice=\"2 0 0 0 2 0 0 0 2\" energy=1 subset=bulk\nH 0 0 0\n"
    "2\nenergy=2 subset=surface\nO 1 1 1\n8 2 2 2\n"
    "1\nLattice=\"3 0 0 0 3 0 0 0 3\" pbc=\"F T F\" energy=3.5 subset=bulk\nX 0 0 0\n";

std::string errorOf(const std::string& text) {
    try {
        parseExtxyz(text, "bad.xyz");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

} // namespace

class TestIoExtxyz : public QObject {
    Q_OBJECT
private slots:
    void structuresCellAndPbc() {
        const Dataset d = parseExtxyz(richFile, "rich.extxyz");
        QCOMPARE(d.frameCount(), Eigen::Index(1));
        const Frame& f = d.frames()[0];
        QCOMPARE(f.species, (std::vector<int>{6, 17}));
        QCOMPARE(f.positions(0, 1), 0.5);
        QCOMPARE(f.positions(1, 0), -0.1);
        QCOMPARE(f.positions(1, 1), 2.0);
        QCOMPARE(f.positions(1, 2), 30.0);
        QVERIFY(f.hasCell);
        QCOMPARE(f.cell(1, 1), 11.0);
        QCOMPARE(f.cell(2, 0), 1.0); // rows are the cell vectors: c = (1, 0, 12)
        QCOMPARE(f.cell(2, 2), 12.0);
        QCOMPARE(f.pbc, (std::array<bool, 3>{true, false, true}));
    }
    void columnsBecomeFeaturesAndProperties() {
        const Dataset d = parseExtxyz(richFile, "rich.extxyz");
        // Only the 10-wide column is a feature set by width; "desc" is one by name.
        QCOMPARE(d.featureSets().size(), std::size_t(2));
        const FeatureSet* mace = d.findFeatureSet("MACE_descriptors");
        QVERIFY(mace);
        QCOMPARE(mace->level, Level::Atom);
        QCOMPARE(mace->cols(), Eigen::Index(10));
        QCOMPARE(mace->toDouble()(1, 9), 19.0);
        QCOMPARE(QString::fromStdString(mace->origin), QString("rich.extxyz:MACE_descriptors"));
        QCOMPARE(d.findFeatureSet("desc")->toDouble()(1, 1), -5.0);
        const Property* forces = d.findProperty("forces", Level::Atom);
        QVERIFY(forces && !forces->isText);
        QCOMPARE(forces->numbers(0, 2), 0.3);
        QCOMPARE(d.findProperty("tag", Level::Atom)->numbers(0, 0), 3.0);
        QCOMPARE(d.findProperty("fixed", Level::Atom)->numbers(1, 0), 0.0);
        const Property* label = d.findProperty("label", Level::Atom);
        QVERIFY(label && label->isText);
        QCOMPARE(label->labels, (std::vector<std::string>{"alpha", "beta"}));
    }
    void infoValues() {
        const Dataset d = parseExtxyz(richFile, "rich.extxyz");
        const auto& info = d.frames()[0].info;
        QCOMPARE(std::get<double>(info.at("energy").value), -1.5);
        QCOMPARE(std::get<long long>(info.at("step").value), 7LL);
        QCOMPARE(std::get<std::string>(info.at("name").value), std::string("two words"));
        QCOMPARE(std::get<std::vector<double>>(info.at("vec").value), (std::vector<double>{1, 2.5, 3}));
        QCOMPARE(std::get<std::vector<long long>>(info.at("ints").value), (std::vector<long long>{4, 5, 6}));
        QCOMPARE(std::get<std::vector<bool>>(info.at("flags").value), (std::vector<bool>{true, false}));
        QCOMPARE(std::get<bool>(info.at("-").value), true);
        QCOMPARE(std::get<bool>(info.at("#Structure").value), true); // bare key
        QCOMPARE(std::get<std::vector<double>>(info.at("dihedrals").value), (std::vector<double>{1.5, 2}));
        QCOMPARE(std::get<double>(info.at("mtt::r2scan_energy").value), 2e-3);
        QVERIFY(!info.count("Lattice") && !info.count("Properties") && !info.count("pbc"));
    }
    void multipleFramesAndPerStructureProperties() {
        const Dataset d = parseExtxyz(threeFrames, "three.xyz");
        QCOMPARE(d.frameCount(), Eigen::Index(3));
        QCOMPARE(d.atomCount(), Eigen::Index(4));
        QCOMPARE(d.offsets(), (std::vector<Eigen::Index>{0, 1, 3, 4}));
        QCOMPARE(d.frames()[1].species, (std::vector<int>{8, 8})); // "8" is Z = 8
        QCOMPARE(d.frames()[2].species, std::vector<int>{0});      // X: unknown element
        QCOMPARE(d.frames()[0].pbc, (std::array<bool, 3>{true, true, true})); // Lattice → T T T
        QCOMPARE(d.frames()[1].pbc, (std::array<bool, 3>{false, false, false}));
        QVERIFY(!d.frames()[1].hasCell);
        QCOMPARE(d.frames()[2].pbc, (std::array<bool, 3>{false, true, false}));
        const Property* energy = d.findProperty("energy", Level::Structure);
        QVERIFY(energy);
        QCOMPARE(energy->numbers(0, 0), 1.0);
        QCOMPARE(energy->numbers(2, 0), 3.5);
        QCOMPARE(d.frameLabels("subset").value(), (std::vector<std::string>{"bulk", "surface", "bulk"}));
    }
    void plainXyzWithTitleAndExtraColumns() {
        const Dataset d = parseExtxyz("3\nwater molecule\nO 0 0 0.1 -0.8\nH 0 0.7 -0.5 0.4\nH 0 -0.7 -0.5 0.4\n",
                                      "water.xyz");
        QCOMPARE(d.atomCount(), Eigen::Index(3));
        QCOMPARE(d.frames()[0].positions(2, 1), -0.7);
        QCOMPARE(d.frames()[0].info.at("comment").toString(), std::string("water molecule"));
        QVERIFY(!d.frames()[0].isPeriodic());
    }
    void columnMissingFromAFrameIsLeftOutWithAWarning() {
        std::vector<std::string> warnings;
        const Dataset d = parseExtxyz("1\nProperties=species:S:1:pos:R:3:q:R:1\nH 0 0 0 0.5\n"
                                      "1\nProperties=species:S:1:pos:R:3\nH 1 1 1\n",
                                      "mixed.xyz", silentContext(), &warnings);
        QCOMPARE(d.frameCount(), Eigen::Index(2));
        QVERIFY(!d.findProperty("q"));
        QCOMPARE(warnings.size(), std::size_t(1));
        QVERIFY(warnings[0].find("'q'") != std::string::npos);
    }
    void badInputNamesFileLineAndFrame_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString ok = "1\nenergy=1\nH 0 0 0\n";
        QTest::newRow("empty file") << "" << "bad.xyz: empty file";
        QTest::newRow("blank file") << "\n \r\n" << "bad.xyz: empty file";
        QTest::newRow("truncated atoms") << ok + "3\nenergy=2\nH 0 0 0\nH 1 1 1\n"
                                         << "bad.xyz, line 7, frame 2: truncated file: the frame declares 3 atoms but the file ends after 2";
        QTest::newRow("missing comment") << ok + "2" << "bad.xyz, line 4, frame 2: file ends after the atom count";
        QTest::newRow("too few columns") << "2\n\nH 0 0 0\nH 0 0\n"
                                         << "bad.xyz, line 4, frame 1: expected 4 columns on the line of atom 2, found 3";
        QTest::newRow("too many columns") << "1\nProperties=species:S:1:pos:R:3\nH 0 0 0 7\n"
                                          << "bad.xyz, line 3, frame 1: the line of atom 1 has more than the 4 columns";
        QTest::newRow("non-numeric") << "1\n\nH 0 zero 0\n"
                                     << "bad.xyz, line 3, frame 1: column 3 (pos) of atom 1 is \"zero\", expected a number";
        QTest::newRow("properties wider than line") << "1\nProperties=species:S:1:pos:R:3:forces:R:3\nH 0 0 0 1 1\n"
                                                    << "bad.xyz, line 3, frame 1: expected 7 columns on the line of atom 1, found 6";
        QTest::newRow("bad integer column") << "1\nProperties=species:S:1:pos:R:3:n:I:1\nH 0 0 0 1.5\n"
                                            << "column 5 (n) of atom 1 is \"1.5\", expected an integer";
        QTest::newRow("negative count") << "-3\n\n" << "bad.xyz, line 1, frame 1: negative atom count -3";
        QTest::newRow("huge count") << "99999999999\n\nH 0 0 0\n" << "bad.xyz, line 1, frame 1: atom count 99999999999 is too large";
        QTest::newRow("count larger than file") << "1000000\n\nH 0 0 0\n"
                                                << "bad.xyz, line 2, frame 1: truncated file: the frame declares 1000000 atoms but only 1 lines follow";
        QTest::newRow("garbage count") << "hello\n" << "bad.xyz, line 1, frame 1: expected the number of atoms of a frame";
        QTest::newRow("bad Properties type") << "1\nProperties=species:S:1:pos:X:3\nH 0 0 0\n"
                                             << "bad.xyz, line 2, frame 1: comment line: Properties column 'pos' has type 'X'";
        QTest::newRow("Properties not triples") << "1\nProperties=species:S:1:pos:R\nH 0 0 0\n"
                                                << "Properties must be name:type:count triples";
        QTest::newRow("Properties without pos") << "1\nProperties=species:S:1:x:R:3\nH 0 0 0\n"
                                                << "Properties has no pos:R:3 column";
        QTest::newRow("unterminated quote") << "1\nLattice=\"1 0 0\nH 0 0 0\n" << "line 2, frame 1: comment line: unterminated";
        QTest::newRow("short Lattice") << "1\nLattice=\"1 0 0 0 1 0\"\nH 0 0 0\n" << "Lattice must hold 9 numbers, got 6";
        QTest::newRow("bad pbc") << "1\npbc=\"T X T\"\nH 0 0 0\n" << "pbc must be three of T/F";
    }
    void badInputNamesFileLineAndFrame() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString message = QString::fromStdString(errorOf(text.toStdString()));
        QVERIFY2(message.contains(expected), qPrintable("got: " + message));
    }
    void fastNumberParsingEqualsFromChars() {
        // The reader's fast decimal path must give the correctly rounded double, exactly as
        // std::from_chars does, and reject the same tokens.
        std::mt19937_64 rng(7);
        int checked = 0;
        auto check = [&](const std::string& s) {
            double fast = 0, reference = 0;
            const bool ok = text::parseDouble(s, fast);
            const char* begin = s.data() + (s[0] == '+');
            const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), reference);
            const bool referenceOk = ec == std::errc() && ptr == s.data() + s.size();
            QVERIFY2(ok == referenceOk && (!ok || fast == reference || (fast != fast && reference != reference)),
                     s.c_str());
            ++checked;
        };
        for (const char* s : {"0", "-0", "+1.5", "1.", ".5", "1.780461150", "0.00012345678901234567",
                              "12345678901234567890", "9007199254740993", "1e22", "1e23", "4.5e+01", "1e-400",
                              "nan", "inf", "-1e", "1.5x", ".", "-", "1e999999", "99999999.99999999"})
            check(s);
        for (int i = 0; i < 200000; ++i) {
            std::string s = rng() % 2 ? "-" : "";
            for (int k = int(rng() % 12); k > 0; --k) s += char('0' + rng() % 10);
            s += '.';
            for (int k = int(rng() % 22) + 1; k > 0; --k) s += char('0' + (rng() % 3 ? rng() % 10 : 0));
            if (rng() % 3 == 0) s.append("e").append(std::to_string(int(rng() % 60) - 30));
            check(s);
        }
        QCOMPARE(checked, 200021);
    }
    void errorOfTheFirstBadFrameWhenParsingInParallel() {
        std::string text;
        for (int f = 0; f < 200; ++f)
            text += (f == 120 || f == 60) ? "1\n\nH 0 0 bad\n" : "1\n\nH 0 0 0\n";
        const QString message = QString::fromStdString(errorOf(text));
        QVERIFY2(message.contains("bad.xyz, line 183, frame 61: column 4 (pos)"), qPrintable(message));
    }
    void firstBadFrameWithTwoParsingThreads() {
        // Big enough (>= 20000 atoms) for the second parsing thread: frames 1501 and 2001
        // are bad, the first one must be reported whichever thread meets which first.
        std::string text;
        for (int f = 0; f < 3000; ++f) {
            text += "8\nProperties=species:S:1:pos:R:3:q:R:1\n";
            for (int a = 0; a < 8; ++a)
                text += (a == 3 && (f == 1500 || f == 2000)) ? "H 0.5 1.25 -2.0 x\n" : "O 0.5 1.25 -2.0 0.75\n";
        }
        QVERIFY2(QString::fromStdString(errorOf(text)).contains("bad.xyz, line 15006, frame 1501: column 5 (q)"),
                 errorOf(text).c_str());
        text.replace(text.find(" x\n"), 3, " 1\n");
        QVERIFY(QString::fromStdString(errorOf(text)).contains("line 20006, frame 2001: column 5 (q)"));
        text.replace(text.find(" x\n"), 3, " 1\n");
        const Dataset d = parseExtxyz(text, "good.xyz");
        QCOMPARE(d.atomCount(), 24000);
        QCOMPARE(d.frames()[2999].positions(7, 2), -2.0);
    }
    void nonUtf8AndNaNFeatures() {
        QTemporaryDir dir;
        const QString path = dir.filePath("latin1.xyz");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("1\ncomment=caf\xE9\nH 0 0 0\n");
        f.close();
        try {
            readExtxyz(path.toStdString());
            QFAIL("accepted Latin-1 bytes");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("latin1.xyz, line 2: invalid UTF-8 byte 0xE9"), e.what());
        }
        const std::string nan = "1\nProperties=species:S:1:pos:R:3:desc:R:2\nH 0 0 0 nan 1\n";
        QVERIFY(QString::fromStdString(errorOf(nan)).contains("1 NaN/Inf values (first at row 0, column 0)"));
        try {
            readExtxyz(dir.filePath("does-not-exist.xyz").toStdString());
            QFAIL("missing file accepted");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).contains("cannot open file"));
        }
    }
};

QTEST_GUILESS_MAIN(TestIoExtxyz)
#include "test_io_extxyz.moc"
