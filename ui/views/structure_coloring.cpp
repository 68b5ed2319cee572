#include "ui/views/structure_coloring.h"

#include <QObject>

#include <cmath>
#include <limits>

namespace le::ui {

namespace {
QString measureLabel(Measure m) { return QString::fromUtf8(measureDisplayName(m)); }
} // namespace

QString ColorChoice::displayName() const {
    switch (source) {
    case ColorSource::Element: return QObject::tr("Species (element colours)");
    case ColorSource::AtomProperty:
        return column > 0 || name.empty() ? QString("%1[%2]").arg(QString::fromStdString(name)).arg(column)
                                          : QString::fromStdString(name);
    case ColorSource::TextLabel: return QObject::tr("Label: %1").arg(QString::fromStdString(name));
    case ColorSource::MetricPointwise:
        return QObject::tr("Pointwise %1 (test atoms)").arg(measureLabel(measure));
    case ColorSource::LfreOnDemand: return QObject::tr("Pointwise LFRE (all atoms of the frame)");
    }
    return {};
}

bool metricsAreAtomLevel(const Dataset& dataset, const AllPairsResult& metrics) {
    if (metrics.names.empty()) return false;
    const FeatureSet* first = dataset.findFeatureSet(metrics.names.front());
    return first && first->level == Level::Atom && first->rows() == dataset.atomCount();
}

std::vector<ColorChoice> availableColorChoices(const Dataset& dataset, const AllPairsResult* metrics) {
    std::vector<ColorChoice> choices{ColorChoice{}};
    if (metrics && metricsAreAtomLevel(dataset, *metrics)) {
        choices.push_back({ColorSource::LfreOnDemand, "", 0, Measure::LFRE});
        for (const auto& [measure, matrix] : metrics->matrices)
            choices.push_back({ColorSource::MetricPointwise, "", 0, measure});
    }
    for (const Property& p : dataset.properties()) {
        if (p.level != Level::Atom) continue;
        if (p.isText) {
            choices.push_back({ColorSource::TextLabel, p.name, 0, Measure::LFRE});
            continue;
        }
        for (int c = 0; c < int(p.width()); ++c)
            choices.push_back({ColorSource::AtomProperty, p.name, p.width() > 1 ? c : 0, Measure::LFRE});
    }
    // Frame-level text labels (e.g. "subset") colour all atoms of a frame alike.
    if (dataset.frameCount() > 0)
        for (const auto& [key, value] : dataset.frames().front().info)
            if (value.isString()) choices.push_back({ColorSource::TextLabel, key, 0, Measure::LFRE});
    return choices;
}

std::vector<double> frameAtomValues(const Dataset& dataset, const AllPairsResult* metrics,
                                    int source, int target, const ColorChoice& choice, int frame) {
    const Eigen::Index begin = dataset.offsets()[std::size_t(frame)];
    const Eigen::Index n = dataset.offsets()[std::size_t(frame) + 1] - begin;
    std::vector<double> values(std::size_t(n), std::numeric_limits<double>::quiet_NaN());
    if (choice.source == ColorSource::AtomProperty) {
        const Property* p = dataset.findProperty(choice.name, Level::Atom);
        if (!p || p->isText || choice.column >= p->width()) return values;
        for (Eigen::Index k = 0; k < n; ++k) values[std::size_t(k)] = p->numbers(begin + k, choice.column);
    } else if (choice.source == ColorSource::MetricPointwise && metrics) {
        const auto found = metrics->pairs.find(choice.measure);
        if (found == metrics->pairs.end() || source < 0 || target < 0 ||
            std::size_t(source) >= found->second.size() ||
            std::size_t(target) >= found->second[std::size_t(source)].size())
            return values;
        const Eigen::VectorXd& pointwise = found->second[std::size_t(source)][std::size_t(target)].pointwise;
        for (std::size_t t = 0; t < metrics->testIndices.size() && Eigen::Index(t) < pointwise.size(); ++t) {
            const long long row = metrics->testIndices[t];
            if (row >= begin && row < begin + n) values[std::size_t(row - begin)] = pointwise[Eigen::Index(t)];
        }
    }
    return values;
}

std::vector<std::string> frameAtomLabels(const Dataset& dataset, const ColorChoice& choice, int frame) {
    const auto labels = dataset.atomLabels(choice.name);
    if (!labels) return {};
    const Eigen::Index begin = dataset.offsets()[std::size_t(frame)];
    const Eigen::Index end = dataset.offsets()[std::size_t(frame) + 1];
    return {labels->begin() + begin, labels->begin() + end};
}

} // namespace le::ui
