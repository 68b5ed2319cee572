#pragma once
// `latent-explorer --screenshot OUT.png [--tab NAME] [FILES...]`: open the files (or the demo),
// run the default comparison, wait for the worst pair to be shown, bring the tab NAME forward
// (default: the Comparison tab), render the window to OUT.png and return the exit code
// (0 written, 2 when loading or comparing failed or the tab is unknown, message on stderr).
#include <QString>
#include <QStringList>

namespace le::ui {

class MainWindow;

int runScreenshot(MainWindow& window, const QStringList& files, const QString& output,
                  const QString& tab = {});

} // namespace le::ui
