// Colour maps against matplotlib's published values (hex codes from matplotlib 3.6
// `to_hex(colormaps[name](t))`) and range/normalisation rules worked out by hand.
#include <QtTest>

#include <cmath>
#include <limits>

#include "core/util/colormap.h"

using namespace le;

namespace {
// Channel distance to a reference "#rrggbb"; our 33-stop interpolation is within 2/255.
int maxChannelError(Rgb c, const char* hex) {
    unsigned r, g, b;
    std::sscanf(hex + 1, "%02x%02x%02x", &r, &g, &b);
    return std::max({std::abs(int(c.r) - int(r)), std::abs(int(c.g) - int(g)),
                     std::abs(int(c.b) - int(b))});
}
} // namespace

class TestColormap : public QObject {
    Q_OBJECT
private slots:
    void exactTableValues() {
        QCOMPARE(toHex(sampleColormap(ColormapId::Viridis, 0.0)), std::string("#440154"));
        QCOMPARE(toHex(sampleColormap(ColormapId::Viridis, 1.0)), std::string("#fde725"));
        QCOMPARE(toHex(sampleColormap(ColormapId::Viridis, 0.5)), std::string("#21918c"));
        QCOMPARE(toHex(sampleColormap(ColormapId::Viridis, 0.25)), std::string("#3b528b"));
        QCOMPARE(toHex(sampleColormap(ColormapId::Magma, 0.0)), std::string("#000004"));
        QCOMPARE(toHex(sampleColormap(ColormapId::Magma, 0.5)), std::string("#b73779"));
        QCOMPARE(toHex(sampleColormap(ColormapId::Magma, 1.0)), std::string("#fcfdbf"));
        QCOMPARE(toHex(sampleColormap(ColormapId::Coolwarm, 0.0)), std::string("#3b4cc0"));
        QCOMPARE(toHex(sampleColormap(ColormapId::Coolwarm, 1.0)), std::string("#b40426"));
    }

    void interpolatedValuesMatchMatplotlib() {
        QVERIFY(maxChannelError(sampleColormap(ColormapId::Viridis, 0.1), "#482475") <= 2);
        QVERIFY(maxChannelError(sampleColormap(ColormapId::Viridis, 0.9), "#bddf26") <= 2);
        QVERIFY(maxChannelError(sampleColormap(ColormapId::Magma, 0.9), "#fecf92") <= 2);
        QVERIFY(maxChannelError(sampleColormap(ColormapId::Coolwarm, 0.3), "#9ebeff") <= 2);
    }

    void clampsAndMissing() {
        QCOMPARE(sampleColormap(ColormapId::Viridis, -3.0), sampleColormap(ColormapId::Viridis, 0));
        QCOMPARE(sampleColormap(ColormapId::Viridis, 7.0), sampleColormap(ColormapId::Viridis, 1));
        QCOMPARE(sampleColormap(ColormapId::Magma, std::nan("")), missingValueColor());
    }

    void stopsAndNames() {
        const auto& stops = colormapStops(ColormapId::Viridis);
        QCOMPARE(int(stops.size()), 33);
        QCOMPARE(stops.front().position, 0.0);
        QCOMPARE(stops.back().position, 1.0);
        QCOMPARE(toHex(stops[16].color), std::string("#21918c"));
        QCOMPARE(colormapFromName("MAGMA").value(), ColormapId::Magma);
        QVERIFY(!colormapFromName("jet").has_value());
        for (ColormapId id : allColormaps())
            QCOMPARE(colormapFromName(colormapName(id)).value(), id);
    }

    void categorical() {
        QCOMPARE(toHex(categoricalColor(0)), std::string("#1f77b4"));
        QCOMPARE(toHex(categoricalColor(1)), std::string("#ff7f0e"));
        QCOMPARE(categoricalColor(10), categoricalColor(0));
    }

    void percentileLikeNumpy() {
        // numpy.percentile([5, 1, 3, 2, 4, 10, 0.5], [2, 50, 98]) = [0.56, 3, 9.4]
        const std::vector<double> v{5, 1, 3, 2, 4, 10, 0.5, std::nan("")};
        QCOMPARE(percentile(v, 2), 0.56);
        QCOMPARE(percentile(v, 50), 3.0);
        QVERIFY(std::abs(percentile(v, 98) - 9.4) < 1e-12);
        QVERIFY(std::isnan(percentile({}, 50)));
    }

    void rangeModes() {
        const std::vector<double> v{0.2, 0.5, -1.0, 3.0, std::numeric_limits<double>::infinity()};
        ColorRangeSettings s;
        ValueRange r = resolveRange(v, s);
        QCOMPARE(r.min, -1.0);
        QCOMPARE(r.max, 3.0);

        s.mode = RangeMode::Fixed;
        r = resolveRange(v, s);
        QCOMPARE(r.min, 0.0);
        QCOMPARE(r.max, 1.0);

        // Percentiles of {-1, 0.2, 0.5, 3}: 25 % → -1 + 0.75 * 1.2 = -0.1; 75 % → 0.5 + 0.25 * 2.5
        s.mode = RangeMode::PercentileClip;
        s.lowerPercentile = 25;
        s.upperPercentile = 75;
        r = resolveRange(v, s);
        QVERIFY(std::abs(r.min - -0.1) < 1e-12);
        QVERIFY(std::abs(r.max - 1.125) < 1e-12);

        // Log ignores the non-positive value; a fixed 0–1 range starts at the smallest positive.
        s.normalisation = Normalisation::Log;
        s.mode = RangeMode::Auto;
        r = resolveRange(v, s);
        QCOMPARE(r.min, 0.2);
        QCOMPARE(r.max, 3.0);
        s.mode = RangeMode::Fixed;
        r = resolveRange(v, s);
        QCOMPARE(r.min, 0.2);
        QCOMPARE(r.max, 1.0);

        // Nothing usable: [0, 1].
        s = ColorRangeSettings{};
        r = resolveRange({std::nan("")}, s);
        QCOMPARE(r.min, 0.0);
        QCOMPARE(r.max, 1.0);
    }

    void mapperNormalisation() {
        ColorMapper linear(ColormapId::Viridis, {2.0, 6.0}, Normalisation::Linear);
        QCOMPARE(linear.normalise(3.0), 0.25);
        QCOMPARE(linear.normalise(100.0), 1.0);
        QCOMPARE(linear.normalise(-5.0), 0.0);
        QVERIFY(std::isnan(linear.normalise(std::nan(""))));
        QCOMPARE(toHex(linear.map(4.0)), std::string("#21918c"));

        ColorMapper log(ColormapId::Viridis, {0.01, 1.0}, Normalisation::Log);
        QVERIFY(std::abs(log.normalise(0.1) - 0.5) < 1e-12);
        QVERIFY(std::isnan(log.normalise(0.0)));
        QCOMPARE(log.map(-1.0), missingValueColor());

        ColorMapper flat(ColormapId::Magma, {1.0, 1.0}, Normalisation::Linear);
        QCOMPARE(flat.normalise(1.0), 0.5);
    }
};

QTEST_APPLESS_MAIN(TestColormap)
#include "test_colormap.moc"
