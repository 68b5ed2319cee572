#include "app/cli/measure_option.h"

#include <QStringList>

#include <algorithm>

#include "core/util/error.h"

namespace le::cli {

const std::vector<Measure>& allMeasures() {
    static const std::vector<Measure> all{Measure::GFRE,       Measure::GFRD,
                                          Measure::LFRE,       Measure::KGFRE,
                                          Measure::CKA,        Measure::DCKA,
                                          Measure::Procrustes, Measure::InformationImbalance,
                                          Measure::IntrinsicDimension};
    return all;
}

std::vector<Measure> parseMeasures(const QString& text, const std::vector<Measure>& accepted) {
    std::string names;
    for (Measure m : accepted) names += (names.empty() ? "" : ",") + std::string(measureName(m));
    std::vector<Measure> out;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        const std::string m = part.trimmed().toLower().toStdString();
        const auto found = std::find_if(accepted.begin(), accepted.end(), [&](Measure a) { return m == measureName(a); });
        if (found == accepted.end())
            throw InputError("command line", "--measures", "unknown measure '" + m + "' (known: " + names + ")");
        if (std::find(out.begin(), out.end(), *found) == out.end()) out.push_back(*found);
    }
    if (out.empty()) throw InputError("command line", "--measures", "give at least one of " + names);
    return out;
}

std::vector<Measure> parseMeasures(const QString& text) {
    return parseMeasures(text, {Measure::GFRE, Measure::GFRD, Measure::LFRE});
}

} // namespace le::cli
