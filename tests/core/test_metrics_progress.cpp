// The progress lines of the all-pairs engine say when the diagonal LFRE pair (a set against
// itself, k = d: the costliest pair of its row) runs, and how to skip it (issue #17, item 5).
#include <QtTest>

#include <cmath>
#include <mutex>

#include "core/metrics/all_pairs.h"

using namespace le;

namespace {

struct Recorded {
    std::vector<std::pair<double, std::string>> lines;
    std::mutex mutex;
    TaskContext context() {
        TaskContext ctx;
        ctx.progress = [this](double f, std::string_view m) {
            std::lock_guard<std::mutex> lock(mutex);
            lines.emplace_back(f, std::string(m));
        };
        return ctx;
    }
    bool any(const std::string& text) const {
        for (const auto& [f, m] : lines)
            if (m.find(text) != std::string::npos) return true;
        return false;
    }
};

// Two smooth sets of 80 rows: "wide" (8 columns) and "narrow" (4 columns). The automatic
// k = min(d_source, d_target) gives wide → wide k = 8, alone at its k; wide → narrow and every
// pair of narrow use k = 4.
std::vector<FeatureSet> twoSets() {
    MatrixD wide(80, 8), narrow(80, 4);
    for (int i = 0; i < 80; ++i) {
        for (int j = 0; j < 8; ++j) wide(i, j) = std::sin(1.3 * i + 0.7 * j * j + 0.11 * i * j);
        for (int j = 0; j < 4; ++j) narrow(i, j) = std::cos(0.9 * i + 0.5 * j) + 0.1 * wide(i, j) * wide(i, j);
    }
    return {FeatureSet{"wide", Level::Atom, wide, "wide.npy"}, FeatureSet{"narrow", Level::Atom, narrow, "narrow.npy"}};
}

} // namespace

class TestMetricsProgress : public QObject {
    Q_OBJECT

private slots:
    void diagonalPhaseIsNamedWithItsCostAndTheSwitch() {
        const std::vector<FeatureSet> sets = twoSets();
        MetricSettings settings;
        settings.measures = {Measure::LFRE};
        Recorded recorded;
        const AllPairsResult r = computeAllPairs({&sets[0], &sets[1]}, settings, {}, recorded.context());
        const std::string diagonal =
            "LFRE wide → wide (the diagonal, k = 8: the costliest pair of the row; skip it with --no-diagonal, "
            "in the GUI Analysis settings → Diagonal)";
        QVERIFY(recorded.any(diagonal));
        // narrow → narrow shares k = 4 with narrow → wide: it runs with them and is mentioned.
        QVERIFY(recorded.any("LFRE from narrow (the diagonal included)"));
        QVERIFY(!recorded.any("LFRE narrow → narrow"));
        // The diagonal phase of "wide" comes after its shared phase and before "narrow".
        std::size_t lastShared = 0, firstDiagonal = recorded.lines.size(), firstNarrow = recorded.lines.size();
        for (std::size_t i = 0; i < recorded.lines.size(); ++i) {
            const std::string& m = recorded.lines[i].second;
            if (m == "LFRE from wide") lastShared = i;
            if (m == diagonal) firstDiagonal = std::min(firstDiagonal, i);
            if (m.rfind("LFRE from narrow", 0) == 0) firstNarrow = std::min(firstNarrow, i);
        }
        QVERIFY(lastShared < firstDiagonal && firstDiagonal < firstNarrow);
        for (const auto& [f, m] : recorded.lines) QVERIFY(f >= 0.0 && f <= 1.0);
        QCOMPARE(r.pairs.at(Measure::LFRE)[0][0].k, 8LL);
        QCOMPARE(r.pairs.at(Measure::LFRE)[0][1].k, 4LL);

        // The same pairs computed with the diagonal off: no line mentions it, values unchanged.
        settings.includeDiagonal = false;
        Recorded off;
        const AllPairsResult r2 = computeAllPairs({&sets[0], &sets[1]}, settings, {}, off.context());
        QVERIFY(!off.any("diagonal"));
        QVERIFY(off.any("LFRE from wide"));
        QCOMPARE(r2.matrices.at(Measure::LFRE)(0, 1), r.matrices.at(Measure::LFRE)(0, 1));
        QCOMPARE(r2.matrices.at(Measure::LFRE)(1, 0), r.matrices.at(Measure::LFRE)(1, 0));
    }
};

QTEST_APPLESS_MAIN(TestMetricsProgress)
#include "test_metrics_progress.moc"
