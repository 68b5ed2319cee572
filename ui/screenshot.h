#pragma once
// `latent-explorer --screenshot OUT.png [--tab TITLE]... [--panel MEASURE] [FILES...]`: open the
// files (or the demo), run the default comparison (with the measures ticked in the remembered
// analysis settings), wait for the worst pair to be shown, bring the named tabs forward, render
// the window to OUT.png and return the exit code (0 written, 2 when loading or comparing failed
// or a tab or panel is unknown, with the message on stderr).
#include <QString>
#include <QStringList>

namespace le::ui {

class MainWindow;

// What the screenshot shows besides the default: tabs to bring to the front, by title
// ("Analysis settings", "Model map"...), and the comparison's third panel (a measure name as
// `compare --measures` takes it: "cka", "procrustes"...).
struct ScreenshotView {
    QStringList tabs;
    QString thirdPanel;
};

int runScreenshot(MainWindow& window, const QStringList& files, const QString& output,
                  const ScreenshotView& view = {});

} // namespace le::ui
