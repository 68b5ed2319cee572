#pragma once
// Runs the latent-explorer executable for the CLI tests: exit code, stdout and stderr.
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cmath>

namespace le::test {

struct CliRun {
    int exitCode = -1;
    QString out, err;
    QJsonObject json() const; // stdout parsed as a JSON object
};

// `latent-explorer COMMAND ARGS...`, waiting up to two minutes.
CliRun runCli(const QString& command, const QStringList& args);

// The tolerance used against scikit-matter's reference values.
inline bool closeToReference(double ours, double ref) { return std::abs(ours - ref) <= 1e-7 * std::abs(ref) + 1e-9; }

} // namespace le::test
