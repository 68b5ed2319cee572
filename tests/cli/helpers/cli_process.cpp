#include "cli_process.h"

#include <QJsonDocument>
#include <QProcess>

namespace le::test {

QJsonObject CliRun::json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }

CliRun runCli(const QString& command, const QStringList& args) {
    QProcess p;
    p.start(LE_EXECUTABLE, QStringList{command} + args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace le::test
