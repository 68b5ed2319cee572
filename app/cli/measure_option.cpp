#include "app/cli/measure_option.h"

#include <QStringList>

#include "core/util/error.h"

namespace le::cli {

std::vector<Measure> parseMeasures(const QString& text) {
    std::vector<Measure> out;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        const QString m = part.trimmed().toLower();
        if (m == "gfre") out.push_back(Measure::GFRE);
        else if (m == "gfrd") out.push_back(Measure::GFRD);
        else if (m == "lfre") out.push_back(Measure::LFRE);
        else throw InputError("command line", "--measures", "unknown measure '" + m.toStdString() + "'");
    }
    if (out.empty()) throw InputError("command line", "--measures", "give at least one of gfre,gfrd,lfre");
    return out;
}

} // namespace le::cli
