#include "ui/views/frame_navigator_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>

#include "core/dataset/elements.h"

namespace le::ui {

FrameErrorSummary summariseFrameErrors(const Dataset& dataset, const AllPairsResult& metrics,
                                       int source, int target, Measure measure) {
    const auto frames = std::size_t(dataset.frameCount());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    FrameErrorSummary s{std::vector<double>(frames, nan), std::vector<double>(frames, nan),
                        std::vector<long long>(frames, -1)};
    const auto found = metrics.pairs.find(measure);
    if (found == metrics.pairs.end() || source < 0 || target < 0 ||
        std::size_t(source) >= found->second.size() ||
        std::size_t(target) >= found->second[std::size_t(source)].size())
        return s;
    const Eigen::VectorXd& pointwise = found->second[std::size_t(source)][std::size_t(target)].pointwise;
    const bool atomRows = !metrics.names.empty() && [&] {
        const FeatureSet* f = dataset.findFeatureSet(metrics.names.front());
        return !f || f->level == Level::Atom;
    }();
    std::vector<double> sum(frames, 0.0);
    std::vector<int> count(frames, 0);
    for (std::size_t t = 0; t < metrics.testIndices.size() && Eigen::Index(t) < pointwise.size(); ++t) {
        const long long row = metrics.testIndices[t];
        const double v = pointwise[Eigen::Index(t)];
        if (row < 0 || !std::isfinite(v)) continue;
        const auto frame = std::size_t(atomRows ? dataset.frameOfAtom(row) : row);
        if (frame >= frames) continue;
        sum[frame] += v;
        ++count[frame];
        if (!(s.worst[frame] >= v)) {
            s.worst[frame] = v;
            s.worstAtom[frame] = atomRows ? row : -1;
        }
    }
    for (std::size_t f = 0; f < frames; ++f)
        if (count[f] > 0) s.mean[f] = sum[f] / count[f];
    return s;
}

QString chemicalFormula(const std::vector<int>& species) {
    // Counted by Z in a flat array (0 = not an element, "X"): a 200 000-atom dataset's
    // formulas are built on the GUI thread when it is shown, so no per-atom string work.
    std::array<int, 119> counts{};
    for (int z : species) ++counts[std::size_t(z > 0 && z < int(counts.size()) ? z : 0)];
    std::vector<std::pair<std::string_view, int>> parts; // symbol, count
    for (std::size_t z = 0; z < counts.size(); ++z)
        if (counts[z] > 0) parts.emplace_back(elementSymbol(int(z)), counts[z]);
    const bool carbon = counts[6] > 0;
    const auto rank = [carbon](std::string_view symbol) {
        return !carbon ? 2 : symbol == "C" ? 0 : symbol == "H" ? 1 : 2;
    };
    std::sort(parts.begin(), parts.end(), [&](const auto& a, const auto& b) {
        return std::pair(rank(a.first), a.first) < std::pair(rank(b.first), b.first);
    });
    QString formula;
    for (const auto& [symbol, count] : parts) {
        formula += QLatin1String(symbol.data(), qsizetype(symbol.size()));
        if (count > 1) formula += QString::number(count);
    }
    return formula;
}

void FrameNavigatorModel::setData(std::shared_ptr<const Dataset> dataset,
                                  const FrameErrorSummary& errors, const QString& errorName) {
    beginResetModel();
    errors_ = errors;
    errorName_ = errorName;
    infoKeys_.clear();
    // Formulas depend on the dataset only: kept while the current pair changes.
    if (dataset != dataset_) formulas_.clear();
    dataset_ = std::move(dataset);
    if (dataset_) {
        std::map<std::string, bool> keys; // scalar keys, in sorted order
        for (const Frame& frame : dataset_->frames()) {
            for (const auto& [key, value] : frame.info)
                if (value.size() == 1) keys[key] = true;
            if (keys.size() >= std::size_t(kMaxInfoColumns)) break;
        }
        for (const auto& [key, unused] : keys) infoKeys_ << QString::fromStdString(key);
        while (infoKeys_.size() > kMaxInfoColumns) infoKeys_.removeLast();
        if (formulas_.empty())
            for (const Frame& frame : dataset_->frames()) formulas_.push_back(chemicalFormula(frame.species));
    }
    endResetModel();
}

int FrameNavigatorModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !dataset_ ? 0 : int(dataset_->frameCount());
}

int FrameNavigatorModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstInfoColumn + int(infoKeys_.size());
}

QVariant FrameNavigatorModel::data(const QModelIndex& index, int role) const {
    if (!dataset_ || !index.isValid() || (role != Qt::DisplayRole && role != Qt::UserRole))
        return {};
    const auto f = std::size_t(index.row());
    const Frame& frame = dataset_->frames()[f];
    const auto number = [role](double v) -> QVariant {
        if (!std::isfinite(v)) return role == Qt::UserRole ? QVariant(-std::numeric_limits<double>::infinity()) : QVariant(QString());
        return role == Qt::UserRole ? QVariant(v) : QVariant(QString::number(v, 'g', 5));
    };
    switch (index.column()) {
    case FrameColumn: return index.row();
    case AtomsColumn: return frame.atomCount();
    case FormulaColumn: return formulas_[f];
    case WorstColumn: return number(errors_.worst.empty() ? NAN : errors_.worst[f]);
    case MeanColumn: return number(errors_.mean.empty() ? NAN : errors_.mean[f]);
    case WorstAtomColumn: {
        const long long atom = errors_.worstAtom.empty() ? -1 : errors_.worstAtom[f];
        if (atom < 0) return role == Qt::UserRole ? QVariant(-1) : QVariant(QString());
        return qlonglong(atom - dataset_->offsets()[f]); // index inside the frame
    }
    default: break;
    }
    const std::string key = infoKeys_[index.column() - FirstInfoColumn].toStdString();
    const auto found = frame.info.find(key);
    if (found == frame.info.end()) return role == Qt::UserRole ? QVariant() : QVariant(QString());
    if (found->second.isNumber()) return number(found->second.toDouble());
    return QString::fromStdString(found->second.toString());
}

QVariant FrameNavigatorModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case FrameColumn: return tr("Frame");
    case AtomsColumn: return tr("Atoms");
    case FormulaColumn: return tr("Formula");
    case WorstColumn: return tr("Worst %1").arg(errorName_);
    case MeanColumn: return tr("Mean %1").arg(errorName_);
    case WorstAtomColumn: return tr("Worst atom");
    default: break;
    }
    return infoKeys_.value(section - FirstInfoColumn);
}

} // namespace le::ui
