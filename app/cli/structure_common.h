#pragma once
// Shared plumbing of the structure-level commands (pool, orders, project): argument parsing,
// loading with progress on stderr, choosing feature sets, subsets and writing matrices.
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/dataset/subset.h"
#include "core/util/task_context.h"

namespace le::cli {

struct Arguments {
    QStringList positional;
    std::map<QString, QString> values; // "--order" → "8"
    std::set<QString> flags;           // "--paper-kappa8"

    bool has(const QString& option) const { return values.count(option) || flags.count(option); }
    QString value(const QString& option, const QString& fallback = {}) const;
    int intValue(const QString& option, int fallback, int min, int max) const;
    double doubleValue(const QString& option, double fallback, double min, double max) const;
};

// The integer .npy file named by `option` (empty when the option is absent); errors name the file.
std::vector<long long> indicesFrom(const Arguments& args, const QString& option);

// Options in `valued` take the next argument; `flags` take none. Unknown options throw
// InputError("command line", option, ...).
Arguments parseArguments(const QStringList& args, const QStringList& valued, const QStringList& flags);

// A context that prints "  42% message" lines on stderr (at most every 5 %).
TaskContext stderrProgress(const char* command);

// Loads STRUCTURES [FEATURES...] (args.positional); the loader's notes go to stderr as warnings.
// .npy feature files of at least kMapNpyFromBytes are memory-mapped unless --no-mmap is given
// (a flag every command that loads this way accepts).
constexpr std::uint64_t kMapNpyFromBytes = 1 << 20;
Dataset loadForCommand(const Arguments& args, const char* command);

// The per-atom feature sets to analyse: those from the feature files given after the
// structure file (or, with none, those inside the structure file), optionally only the one
// named by --model. Throws InputError when there is none.
std::vector<const FeatureSet*> atomFeatureSets(const Dataset& dataset, const QStringList& files,
                                               const QString& model = {});
// Same for any level (project works on per-atom or per-structure sets).
std::vector<const FeatureSet*> featureSetsOfLevel(const Dataset& dataset, const QStringList& files,
                                                  Level level);

// --species O,H and --subset "subset=bulk" combined into one Subset.
Subset subsetFromArguments(const Arguments& args);

// Writes a matrix as .npy (the values only) or .csv (a header, then `rowIndex` and the values);
// through a temporary file so an existing file survives a failure.
void writeMatrix(const QString& path, const MatrixD& matrix, const QStringList& columnNames,
                 const std::vector<Eigen::Index>& rowIndex, const QString& indexName);

// Writes text to `path` atomically.
void writeText(const QString& path, const QByteArray& text);

} // namespace le::cli
