#pragma once
// What atoms can be coloured by, and the per-atom values of one frame for each choice.
// Pointwise LFRE on demand is computed by the panel in the background; everything here is
// a cheap lookup.
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/metrics/all_pairs.h"

namespace le::ui {

enum class ColorSource {
    Element,         // Jmol element colours
    AtomProperty,    // one column of a numeric per-atom property
    TextLabel,       // a per-atom or per-frame text label (categorical)
    MetricPointwise, // pointwise values of the computed pair (test atoms only, others n/a)
    LfreOnDemand     // pointwise LFRE of the current pair for every atom of the frame
};

struct ColorChoice {
    ColorSource source = ColorSource::Element;
    std::string name; // property / label key
    int column = 0;   // property column
    Measure measure = Measure::LFRE;

    QString displayName() const;
    friend bool operator==(const ColorChoice&, const ColorChoice&) = default;
};

// Choices offered for a dataset (and computed metrics on per-atom features, if any).
std::vector<ColorChoice> availableColorChoices(const Dataset& dataset, const AllPairsResult* metrics);

// True when the metrics were computed on per-atom feature sets (rows are global atoms).
bool metricsAreAtomLevel(const Dataset& dataset, const AllPairsResult& metrics);

// Values of the frame's atoms for AtomProperty / MetricPointwise (NaN where undefined).
std::vector<double> frameAtomValues(const Dataset& dataset, const AllPairsResult* metrics,
                                    int source, int target, const ColorChoice& choice, int frame);

// Labels of the frame's atoms for TextLabel (empty when the key is unknown).
std::vector<std::string> frameAtomLabels(const Dataset& dataset, const ColorChoice& choice, int frame);

} // namespace le::ui

