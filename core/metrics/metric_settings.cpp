#include "core/metrics/metric_settings.h"

namespace le {

const char* measureName(Measure m) {
    switch (m) {
    case Measure::GFRE: return "gfre";
    case Measure::GFRD: return "gfrd";
    case Measure::LFRE: return "lfre";
    case Measure::KGFRE: return "kgfre";
    case Measure::CKA: return "cka";
    case Measure::DCKA: return "dcka";
    case Measure::Procrustes: return "procrustes";
    case Measure::InformationImbalance: return "ii";
    case Measure::IntrinsicDimension: return "id";
    }
    return "?";
}

const char* measureDisplayName(Measure m) {
    switch (m) {
    case Measure::GFRE: return "GFRE";
    case Measure::GFRD: return "GFRD";
    case Measure::LFRE: return "LFRE";
    case Measure::KGFRE: return "kernel GFRE";
    case Measure::CKA: return "CKA";
    case Measure::DCKA: return "debiased CKA";
    case Measure::Procrustes: return "Procrustes angle";
    case Measure::InformationImbalance: return "information imbalance";
    case Measure::IntrinsicDimension: return "intrinsic dimension";
    }
    return "?";
}

bool isPairMeasure(Measure m) { return m != Measure::IntrinsicDimension; }

} // namespace le
