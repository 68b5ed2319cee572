#include "core/metrics/metric_settings.h"

namespace le {

const char* measureName(Measure m) {
    switch (m) {
    case Measure::GFRE: return "gfre";
    case Measure::GFRD: return "gfrd";
    case Measure::LFRE: return "lfre";
    }
    return "?";
}

} // namespace le
