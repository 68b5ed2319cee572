#include "core/util/colormap.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace le {
namespace {

// 33 evenly spaced samples (t = i / 32) of matplotlib's viridis and magma (van der Walt &
// Smith, CC0) and Moreland's diverging cool-warm map, as 8-bit RGB.
constexpr int kStopCount = 33;
using StopTable = Rgb[kStopCount];

constexpr StopTable kViridis = {
    {68, 1, 84},    {71, 13, 96},   {72, 24, 106},  {72, 35, 116},  {71, 45, 123},
    {69, 55, 129},  {66, 64, 134},  {62, 73, 137},  {59, 82, 139},  {55, 91, 141},
    {51, 99, 141},  {47, 107, 142}, {44, 114, 142}, {41, 122, 142}, {38, 130, 142},
    {35, 137, 142}, {33, 145, 140}, {31, 152, 139}, {31, 160, 136}, {34, 167, 133},
    {40, 174, 128}, {50, 182, 122}, {63, 188, 115}, {78, 195, 107}, {94, 201, 98},
    {112, 207, 87}, {132, 212, 75}, {152, 216, 62}, {173, 220, 48}, {194, 223, 35},
    {216, 226, 25}, {236, 229, 27}, {253, 231, 37}};

constexpr StopTable kMagma = {
    {0, 0, 4},       {3, 3, 18},      {10, 8, 34},     {19, 13, 52},    {29, 17, 71},
    {41, 17, 90},    {54, 16, 107},   {68, 15, 118},   {81, 18, 124},   {93, 23, 127},
    {106, 28, 129},  {118, 33, 129},  {131, 38, 129},  {144, 42, 129},  {156, 46, 127},
    {170, 51, 125},  {183, 55, 121},  {196, 60, 117},  {208, 65, 111},  {220, 72, 105},
    {231, 82, 99},   {239, 93, 94},   {245, 107, 92},  {249, 121, 93},  {252, 137, 97},
    {253, 152, 105}, {254, 167, 114}, {254, 182, 124}, {254, 196, 136}, {254, 211, 149},
    {253, 226, 163}, {252, 240, 178}, {252, 253, 191}};

constexpr StopTable kCoolwarm = {
    {59, 76, 192},   {68, 90, 204},   {78, 104, 216},  {88, 117, 225},  {98, 130, 234},
    {108, 143, 241}, {119, 154, 247}, {130, 166, 251}, {141, 176, 254}, {152, 185, 255},
    {163, 194, 254}, {174, 201, 252}, {185, 208, 249}, {195, 213, 244}, {204, 217, 237},
    {213, 219, 229}, {221, 220, 220}, {229, 216, 209}, {236, 211, 197}, {241, 204, 184},
    {245, 196, 172}, {247, 186, 159}, {247, 176, 147}, {246, 165, 134}, {244, 152, 122},
    {240, 139, 110}, {235, 125, 98},  {228, 110, 86},  {221, 95, 75},   {212, 78, 65},
    {202, 59, 55},   {190, 36, 46},   {180, 4, 38}};

const StopTable& table(ColormapId id) {
    switch (id) {
    case ColormapId::Magma: return kMagma;
    case ColormapId::Coolwarm: return kCoolwarm;
    case ColormapId::Viridis: break;
    }
    return kViridis;
}

std::vector<ColorStop> makeStops(ColormapId id) {
    std::vector<ColorStop> stops;
    for (int i = 0; i < kStopCount; ++i)
        stops.push_back({double(i) / (kStopCount - 1), table(id)[i]});
    return stops;
}

std::uint8_t lerpChannel(std::uint8_t a, std::uint8_t b, double f) {
    return std::uint8_t(std::lround(a + (double(b) - a) * f));
}

bool usable(double v, Normalisation n) {
    return std::isfinite(v) && (n == Normalisation::Linear || v > 0);
}

} // namespace

std::string toHex(Rgb c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", c.r, c.g, c.b);
    return buffer;
}

const std::vector<ColormapId>& allColormaps() {
    static const std::vector<ColormapId> ids{ColormapId::Viridis, ColormapId::Magma,
                                             ColormapId::Coolwarm};
    return ids;
}

const char* colormapName(ColormapId id) {
    switch (id) {
    case ColormapId::Magma: return "magma";
    case ColormapId::Coolwarm: return "coolwarm";
    case ColormapId::Viridis: break;
    }
    return "viridis";
}

std::optional<ColormapId> colormapFromName(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    for (ColormapId id : allColormaps())
        if (lower == colormapName(id)) return id;
    return std::nullopt;
}

const std::vector<ColorStop>& colormapStops(ColormapId id) {
    static const std::vector<ColorStop> viridis = makeStops(ColormapId::Viridis);
    static const std::vector<ColorStop> magma = makeStops(ColormapId::Magma);
    static const std::vector<ColorStop> coolwarm = makeStops(ColormapId::Coolwarm);
    switch (id) {
    case ColormapId::Magma: return magma;
    case ColormapId::Coolwarm: return coolwarm;
    case ColormapId::Viridis: break;
    }
    return viridis;
}

Rgb missingValueColor() { return {160, 160, 160}; }

Rgb sampleColormap(ColormapId id, double t) {
    if (std::isnan(t)) return missingValueColor();
    t = std::clamp(t, 0.0, 1.0);
    const StopTable& stops = table(id);
    const double x = t * (kStopCount - 1);
    const int i = std::min(int(x), kStopCount - 2);
    const double f = x - i;
    const Rgb a = stops[i], b = stops[i + 1];
    return {lerpChannel(a.r, b.r, f), lerpChannel(a.g, b.g, f), lerpChannel(a.b, b.b, f)};
}

const std::vector<Rgb>& categoricalPalette() {
    // matplotlib's "tab10" qualitative palette (Tableau 10).
    static const std::vector<Rgb> palette{
        {31, 119, 180}, {255, 127, 14}, {44, 160, 44},  {214, 39, 40},   {148, 103, 189},
        {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return palette;
}

Rgb categoricalColor(std::size_t index) {
    const auto& palette = categoricalPalette();
    return palette[index % palette.size()];
}

double percentile(std::vector<double> values, double p) {
    std::erase_if(values, [](double v) { return !std::isfinite(v); });
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const double position = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    const auto lower = std::size_t(std::floor(position));
    const auto upper = std::min(lower + 1, values.size() - 1);
    const double f = position - double(lower);
    return values[lower] + (values[upper] - values[lower]) * f;
}

ValueRange resolveRange(const std::vector<double>& values, const ColorRangeSettings& settings) {
    const Normalisation norm = settings.normalisation;
    std::vector<double> usableValues;
    usableValues.reserve(values.size());
    for (double v : values)
        if (usable(v, norm)) usableValues.push_back(v);

    ValueRange range{0.0, 1.0};
    switch (settings.mode) {
    case RangeMode::Fixed: range = {settings.fixedMin, settings.fixedMax}; break;
    case RangeMode::Auto:
        if (!usableValues.empty()) {
            auto [lo, hi] = std::minmax_element(usableValues.begin(), usableValues.end());
            range = {*lo, *hi};
        }
        break;
    case RangeMode::PercentileClip:
        if (!usableValues.empty())
            range = {percentile(usableValues, settings.lowerPercentile),
                     percentile(usableValues, settings.upperPercentile)};
        break;
    }
    if (range.min > range.max) std::swap(range.min, range.max);
    if (norm == Normalisation::Log && range.min <= 0) {
        // A log axis cannot start at zero: start at the smallest positive value shown,
        // or three decades below the top when there is none.
        double smallest = std::numeric_limits<double>::infinity();
        for (double v : usableValues) smallest = std::min(smallest, v);
        if (!std::isfinite(smallest) || smallest > range.max)
            smallest = range.max > 0 ? range.max * 1e-3 : 1e-3;
        range.min = smallest;
        if (range.max <= range.min) range.max = range.min * 10;
    }
    return range;
}

ColorMapper::ColorMapper(ColormapId id, ValueRange range, Normalisation normalisation)
    : id_(id), range_(range), normalisation_(normalisation) {}

double ColorMapper::normalise(double value) const {
    if (!usable(value, normalisation_)) return std::numeric_limits<double>::quiet_NaN();
    double lo = range_.min, hi = range_.max, v = value;
    if (normalisation_ == Normalisation::Log) {
        if (lo <= 0 || hi <= 0) return std::numeric_limits<double>::quiet_NaN();
        lo = std::log10(lo), hi = std::log10(hi), v = std::log10(v);
    }
    if (!(hi > lo)) return 0.5;
    return std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
}

} // namespace le
