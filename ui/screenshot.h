#pragma once
// `latent-explorer --screenshot OUT.png [FILES...]`: open the files (or the demo), run the
// default comparison, render the window to OUT.png and return the exit code (0 written,
// 2 when loading or comparing failed, with the message on stderr).
#include <QString>
#include <QStringList>

namespace le::ui {

class MainWindow;

int runScreenshot(MainWindow& window, const QStringList& files, const QString& output);

} // namespace le::ui
