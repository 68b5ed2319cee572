#pragma once
// Where the bundled resources (demo data, element tables) are: the source tree's
// resources/ (compile definition LE_RESOURCE_DIR) when it exists, else a folder next to
// the executable (an installed or copied build).
#include <QString>
#include <QStringList>

namespace le::ui {

QString resourceDir();
// Files to open when the app starts without any (structure file first).
QStringList demoFiles();
// The demo's "About this demo" text (Markdown/plain text), empty when none is bundled.
QString demoAboutText();

} // namespace le::ui
