#pragma once
// Colour maps for per-atom and per-point values: value → RGB with linear or log
// normalisation over a range that is automatic, fixed or clipped at percentiles.
// Pure C++ so the CLI, the exports and every view share exactly the same colours.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace le {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    friend bool operator==(const Rgb&, const Rgb&) = default;
};

// "#rrggbb" in lower case.
std::string toHex(Rgb color);

enum class ColormapId { Viridis, Magma, Coolwarm };

const std::vector<ColormapId>& allColormaps();
const char* colormapName(ColormapId id);                      // "viridis", "magma", "coolwarm"
std::optional<ColormapId> colormapFromName(std::string_view name); // case-insensitive

// Evenly spaced stops (position in [0, 1]), sampled from the published maps; colours in
// between are linear interpolations, so a QCPColorGradient built from the stops matches.
struct ColorStop {
    double position = 0;
    Rgb color;
};
const std::vector<ColorStop>& colormapStops(ColormapId id);

// Colour at t in [0, 1] (clamped); NaN gives missingValueColor().
Rgb sampleColormap(ColormapId id, double t);
Rgb missingValueColor();

// Qualitative palette for species and text labels (10 colours, cycled).
const std::vector<Rgb>& categoricalPalette();
Rgb categoricalColor(std::size_t index);

enum class Normalisation { Linear, Log };
enum class RangeMode { Auto, Fixed, PercentileClip };

struct ColorRangeSettings {
    RangeMode mode = RangeMode::Auto;
    double fixedMin = 0.0, fixedMax = 1.0;             // used by Fixed
    double lowerPercentile = 2.0, upperPercentile = 98.0; // used by PercentileClip, in [0, 100]
    Normalisation normalisation = Normalisation::Linear;
};

struct ValueRange {
    double min = 0.0, max = 1.0;
};

// Percentile p in [0, 100] with linear interpolation between order statistics (numpy's
// default). Non-finite values are ignored; NaN when nothing finite is left.
double percentile(std::vector<double> values, double p);

// The range a colour bar shows for `values` under `settings`. Non-finite values are ignored;
// with log normalisation non-positive values are ignored too (they cannot be placed on a log
// axis). Falls back to [0, 1] when no value is usable.
ValueRange resolveRange(const std::vector<double>& values, const ColorRangeSettings& settings);

// Maps values to colours with a fixed colour map, range and normalisation.
class ColorMapper {
public:
    ColorMapper(ColormapId id, ValueRange range, Normalisation normalisation);

    // Position in [0, 1] on the colour bar (clamped); NaN for non-finite values and, on a
    // log scale, for non-positive values. A zero-width range maps everything to 0.5.
    double normalise(double value) const;
    Rgb map(double value) const { return sampleColormap(id_, normalise(value)); }

    ColormapId colormap() const { return id_; }
    ValueRange range() const { return range_; }
    Normalisation normalisation() const { return normalisation_; }

private:
    ColormapId id_;
    ValueRange range_;
    Normalisation normalisation_;
};

} // namespace le
