#pragma once
// The one place where analysis views (structure view, projection map, outlier table...)
// are added to the main window. Each view observes the Workspace; the window calls this
// once after building its own "Comparison" tab.
#include <QString>

#include "core/metrics/all_pairs.h"

namespace le::ui {

class MainWindow;
class Workspace;

void installAnalysisViews(MainWindow& window, Workspace& workspace);

// Status line once the structure view shows the pointwise LFRE source → target on every atom
// of `frame`; names the pair and says when it is the comparison's worst pair.
QString frameLfreStatus(const AllPairsResult& metrics, int source, int target, int frame);

} // namespace le::ui
