// `latent-explorer compare --repeats 3 --by species` on a small mixed C/H/N/O fixture: the
// means, sample s.d., per-repeat values and per-species values equal those computed by
// shared/tools/ref_fre.py with a numpy re-implementation of the stratified split
// (tests/data/metrics/repeats/make_repeats_fixture.py → expected.json); repeat r equals a
// plain run with --seed S+r; CSV and project outputs carry the statistics; misuse exits 2.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/io/hdf5_project.h"

namespace {

const QString dir = LE_TEST_DATA_DIR "/metrics/repeats/";
const QString structures = dir + "mixed.extxyz";
const QString featuresA = dir + "features_a.npy";
const QString featuresB = dir + "features_b.npy";
const QStringList names{"features_a", "features_b"};
const QStringList measures{"gfre", "gfrd", "lfre"};
const QStringList species{"H", "C", "N", "O"};

struct Run {
    int exitCode;
    QString out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run run(const QStringList& args) {
    QProcess p;
    p.start(LE_EXECUTABLE, QStringList{"compare"} + args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QStringList splitArgs(int seed) {
    return {structures, featuresA, featuresB, "--test-size", "20", "--stratify-by", "subset", "--seed",
            QString::number(seed)};
}

QJsonObject expected() {
    QFile f(dir + "expected.json");
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Same value, or both null (no value).
bool same(const QJsonValue& ours, const QJsonValue& ref) {
    if (ref.isNull() || ours.isNull()) return ref.isNull() && ours.isNull();
    return std::abs(ours.toDouble() - ref.toDouble()) <= 1e-7 * std::abs(ref.toDouble()) + 1e-9;
}

QJsonValue at(const QJsonObject& o, const QStringList& path) {
    QJsonValue v = o;
    for (const QString& key : path) v = v.toObject().value(key);
    return v;
}

} // namespace

class TestCliRepeats : public QObject {
    Q_OBJECT
    QJsonObject ref;
    QJsonObject result;

private slots:
    void initTestCase() {
        ref = expected();
        QVERIFY(!ref.isEmpty());
        const Run r = run(splitArgs(4) + QStringList{"--repeats", "3", "--by", "species"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.contains("repeat 3/3"));
        result = r.json();
        QVERIFY(!result.isEmpty());
    }

    void meansDeviationsAndRepeatsMatchNumpy() {
        QCOMPARE(result["repeats"].toInt(), 3);
        QCOMPARE(at(result, {"split", "seeds"}).toArray(), (QJsonArray{4, 5, 6}));
        const QJsonArray repeats = ref["repeats"].toArray();
        QCOMPARE(at(result, {"split", "test_indices"}).toArray(), repeats[0].toObject()["test_indices"].toArray());
        for (const QString& m : measures)
            for (const QString& s : names)
                for (const QString& t : names) {
                    QVERIFY2(same(at(result, {"measures", m, s, t}), at(ref, {"mean", m, s, t})),
                             qPrintable(m + " " + s + " " + t));
                    QVERIFY(same(at(result, {"measures_std", m, s, t}), at(ref, {"std", m, s, t})));
                    const QJsonArray values = at(result, {"measures_repeats", m, s, t}).toArray();
                    QCOMPARE(values.size(), 3);
                    for (int r = 0; r < 3; ++r)
                        QVERIFY(same(values[r], at(repeats[r].toObject(), {m, s, t, "value"})));
                }
        // Rounding would not explain these: the repeats really differ.
        QVERIFY(at(result, {"measures_std", "gfre", "features_a", "features_b"}).toDouble() > 0.01);
    }

    void perSpeciesValuesMatchNumpy() {
        const QJsonArray repeats = ref["repeats"].toArray();
        for (const QString& g : species) {
            QJsonArray counts;
            for (const QJsonValue& r : repeats) counts.append(at(r.toObject(), {"n_test_by_species", g}));
            QCOMPARE(at(result, {"by_group_n_test", "species", g}).toArray(), counts);
        }
        // N has no test atom with seed 5: null in that repeat, mean and s.d. of the other two.
        QVERIFY(at(result, {"by_group_repeats", "species", "gfre", "features_a", "features_b", "N"}).toArray()[1].isNull());
        for (const QString& m : measures)
            for (const QString& s : names)
                for (const QString& t : names)
                    for (const QString& g : species) {
                        QVERIFY2(same(at(result, {"by_group", "species", m, s, t, g}),
                                      at(ref, {"by_species_mean", m, s, t, g})),
                                 qPrintable(m + " " + s + " " + t + " " + g));
                        QVERIFY(same(at(result, {"by_group_std", "species", m, s, t, g}),
                                     at(ref, {"by_species_std", m, s, t, g})));
                        const QJsonArray values = at(result, {"by_group_repeats", "species", m, s, t, g}).toArray();
                        for (int r = 0; r < 3; ++r)
                            QVERIFY(same(values[r], at(repeats[r].toObject(), {m, s, t, "by_species", g})));
                    }
    }

    void eachRepeatIsASingleRunWithItsSeed() {
        for (int r = 0; r < 3; ++r) {
            const Run single = run(splitArgs(4 + r));
            QCOMPARE(single.exitCode, 0);
            const QJsonObject j = single.json();
            QVERIFY(!j.contains("measures_std") && !j.contains("by_group")); // the single-run layout
            for (const QString& m : measures)
                for (const QString& s : names)
                    for (const QString& t : names) // exactly: JSON numbers round-trip
                        QCOMPARE(at(j, {"measures", m, s, t}).toDouble(),
                                 at(result, {"measures_repeats", m, s, t}).toArray()[r].toDouble());
        }
    }

    void csvAndProjectCarryTheStatistics() {
        QTemporaryDir tmp;
        const Run csv = run(splitArgs(4) + QStringList{"--repeats", "3", "--by", "species", "--measures", "gfre",
                                                       "--out", tmp.filePath("r.csv")});
        QCOMPARE(csv.exitCode, 0);
        QFile main(tmp.filePath("r.csv"));
        QVERIFY(main.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(main.readAll()).trimmed().split('\n');
        QCOMPARE(lines[0], QString("measure,source,target,value,k,std,repeat_1,repeat_2,repeat_3"));
        const QStringList ab = lines[2].split(',');
        QCOMPARE(ab[1] + "→" + ab[2], QString("features_a→features_b"));
        QVERIFY(same(ab[3].toDouble(), at(ref, {"mean", "gfre", "features_a", "features_b"})));
        QVERIFY(same(ab[5].toDouble(), at(ref, {"std", "gfre", "features_a", "features_b"})));
        QFile groups(tmp.filePath("r.by_group.csv"));
        QVERIFY(groups.open(QIODevice::ReadOnly));
        const QStringList g = QString::fromUtf8(groups.readAll()).trimmed().split('\n');
        QCOMPARE(g[0], QString("key,group,measure,source,target,value,n_test,std,repeat_1,repeat_2,repeat_3"));
        QCOMPARE(g.size(), 1 + 4 * 4); // 4 species × 4 pairs
        QVERIFY(g[1].startsWith("species,H,gfre,features_a,features_a,"));

        const Run h5 = run(splitArgs(4) + QStringList{"--repeats", "3", "--by", "species", "--out", tmp.filePath("r.h5")});
        QCOMPARE(h5.exitCode, 0);
        QVERIFY(h5.out.contains("sample s.d. of 3 repeats"));
        const le::Project p = le::readProject(tmp.filePath("r.h5").toStdString());
        const le::StoredResult& s = p.results.at(0);
        QCOMPARE(s.attributes.at("repeats"), std::string("3"));
        QCOMPARE(s.arrays.at("lfre_repeats").rows(), Eigen::Index(3));
        QVERIFY(same(s.arrays.at("lfre_std")(1, 0), at(ref, {"std", "lfre", "features_b", "features_a"})));
        QCOMPARE(s.arrays.at("group_test_rows")(1, 1), 9.0); // seed 5: 9 carbon test atoms
    }

    void misuseExits2() {
        const Run noSplit = run({structures, featuresA, featuresB, "--repeats", "3"});
        QCOMPARE(noSplit.exitCode, 2);
        QVERIFY(noSplit.err.contains("--repeats") && noSplit.err.contains("--test-size"));
        const Run key = run(splitArgs(0) + QStringList{"--by", "colour"});
        QCOMPARE(key.exitCode, 2);
        QVERIFY(key.err.contains("colour"));
        const Run zero = run(splitArgs(0) + QStringList{"--repeats", "0"});
        QCOMPARE(zero.exitCode, 2);
        QVERIFY(zero.err.contains("--repeats"));
    }
};

QTEST_GUILESS_MAIN(TestCliRepeats)
#include "test_cli_repeats.moc"
