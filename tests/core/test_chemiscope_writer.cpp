// chemiscope export read back with the chemiscope reader: structures, cell, properties
// (numeric, multi-column, text, frame info), projections, per-atom errors with missing
// values, environments and settings; gzip output; failures keep an existing file.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cmath>
#include <fstream>

#include "core/io/chemiscope_reader.h"
#include "core/io/chemiscope_writer.h"
#include "core/util/error.h"

using namespace le;

namespace {

// Water (no cell) and a 2-atom Si cell; atom property "charge" (width 1), "force" (width 3),
// text property "site", frame info energy/subset.
Dataset sample() {
    Dataset d;
    Frame w;
    w.species = {8, 1, 1};
    w.positions.resize(3, 3);
    w.positions << 0, 0, 0, 0.9572, 0, 0, -0.24, 0.9266, 0;
    w.info["energy"] = InfoValue{-76.4};
    w.info["subset"] = InfoValue{std::string("train")};
    d.addFrame(w);
    Frame si;
    si.species = {14, 14};
    si.positions.resize(2, 3);
    si.positions << 0, 0, 0, 1.357, 1.357, 1.357;
    si.cell << 0, 2.715, 2.715, 2.715, 0, 2.715, 2.715, 2.715, 0;
    si.hasCell = true;
    si.pbc = {true, true, true};
    si.info["energy"] = InfoValue{-10.8};
    si.info["subset"] = InfoValue{std::string("test")};
    d.addFrame(si);
    Property charge{"charge", Level::Atom, false, MatrixD(5, 1), {}};
    charge.numbers << -0.8, 0.4, 0.4, 0.0, 0.0;
    d.addProperty(charge);
    Property force{"force", Level::Atom, false, MatrixD(5, 3), {}};
    for (int r = 0; r < 5; ++r) force.numbers.row(r) << r, 10 + r, 20 + r;
    d.addProperty(force);
    d.addProperty(Property{"site", Level::Atom, true, {}, {"O", "H1", "H2", "Si1", "Si2"}});
    return d;
}

ChemiscopeExportOptions exportOptions() {
    ChemiscopeExportOptions o;
    o.name = "test export";
    ChemiscopeColumn pca{"PCA mace", Level::Structure, MatrixD(2, 2)};
    pca.values << 1.5, -2.0, -1.5, 2.0;
    o.projections.push_back(pca);
    ChemiscopeColumn lfre{"LFRE mace→pet", Level::Atom, MatrixD(5, 1)};
    lfre.values << 0.1, std::nan(""), 0.3, 0.4, std::nan("");
    o.columns.push_back(lfre);
    return o;
}

} // namespace

class TestChemiscopeWriter : public QObject {
    Q_OBJECT
private slots:
    void roundTrip() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("export.json").toStdString();
        writeChemiscope(path, sample(), exportOptions());
        const Dataset back = readChemiscope(path);

        QCOMPARE(back.frameCount(), Eigen::Index(2));
        QCOMPARE(back.frames()[0].species, (std::vector<int>{8, 1, 1}));
        QCOMPARE(back.frames()[0].positions(2, 1), 0.9266);
        QVERIFY(!back.frames()[0].hasCell);
        QVERIFY(back.frames()[1].hasCell);
        QCOMPARE(back.frames()[1].cell(1, 0), 2.715);
        QCOMPARE(back.frames()[1].cell(0, 0), 0.0);

        const Property* charge = back.findProperty("charge", Level::Atom);
        QVERIFY(charge);
        QCOMPARE(charge->numbers(0, 0), -0.8);
        const Property* fy = back.findProperty("force[2]", Level::Atom);
        QVERIFY(fy);
        QCOMPARE(fy->numbers(4, 0), 14.0);
        const Property* site = back.findProperty("site", Level::Atom);
        QVERIFY(site && site->isText);
        QCOMPARE(site->labels[3], std::string("Si1"));
        const Property* energy = back.findProperty("energy", Level::Structure);
        QVERIFY(energy);
        QCOMPARE(energy->numbers(1, 0), -10.8);
        const Property* subset = back.findProperty("subset", Level::Structure);
        QVERIFY(subset && subset->isText);
        QCOMPARE(subset->labels[0], std::string("train"));

        const Property* pc2 = back.findProperty("PCA mace[2]", Level::Structure);
        QVERIFY(pc2);
        QCOMPARE(pc2->numbers(1, 0), 2.0);
        const Property* lfre = back.findProperty("LFRE mace→pet", Level::Atom);
        QVERIFY(lfre);
        QCOMPARE(lfre->numbers(0, 0), 0.1);
        QVERIFY(std::isnan(lfre->numbers(1, 0))); // written as null
        QCOMPARE(lfre->numbers(3, 0), 0.4);
        // Every atom is an environment, so no partial-coverage marker was needed.
        QVERIFY(!back.findProperty("is_environment", Level::Atom));
    }

    void settingsAndEnvironments() {
        const QByteArray json = formatChemiscope(sample(), exportOptions());
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root["meta"].toObject()["name"].toString(), QString("test export"));
        const QJsonObject map = root["settings"].toObject()["map"].toObject();
        QCOMPARE(map["x"].toObject()["property"].toString(), QString("PCA mace[1]"));
        QCOMPARE(map["y"].toObject()["property"].toString(), QString("PCA mace[2]"));
        const auto environments = root["environments"].toArray();
        QCOMPARE(environments.size(), 5);
        QCOMPARE(environments[3].toObject()["structure"].toInt(), 1);
        QCOMPARE(environments[3].toObject()["center"].toInt(), 0);
        QCOMPARE(environments[3].toObject()["cutoff"].toDouble(), 3.5);
        QCOMPARE(root["structures"].toArray()[1].toObject()["size"].toInt(), 2);
    }

    void gzipAndErrors() {
        QTemporaryDir dir;
        const std::string gz = dir.filePath("export.json.gz").toStdString();
        writeChemiscope(gz, sample(), exportOptions());
        std::ifstream in(gz, std::ios::binary);
        char magic[2] = {};
        in.read(magic, 2);
        QCOMPARE(quint8(magic[0]), quint8(0x1f));
        QCOMPARE(quint8(magic[1]), quint8(0x8b));
        QCOMPARE(readChemiscope(gz).atomCount(), Eigen::Index(5));

        ChemiscopeExportOptions bad = exportOptions();
        bad.columns.front().values = MatrixD::Zero(4, 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, formatChemiscope(sample(), bad));
        QVERIFY_THROWS_EXCEPTION(InputError, writeChemiscope(dir.filePath("no/dir/x.json").toStdString(),
                                                             sample(), exportOptions()));
        // A failed export leaves the previous file untouched.
        const std::string existing = dir.filePath("keep.json").toStdString();
        writeChemiscope(existing, sample(), exportOptions());
        const auto before = readChemiscope(existing).atomCount();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeChemiscope(existing, sample(), bad));
        QCOMPARE(readChemiscope(existing).atomCount(), before);
    }
};

QTEST_APPLESS_MAIN(TestChemiscopeWriter)
#include "test_chemiscope_writer.moc"
