#include "app/cli/structure_common.h"

#include <QFileInfo>

#include <cstdio>
#include <mutex>

#include "core/io/atomic_file.h"
#include "core/io/loader.h"
#include "core/io/npy.h"
#include "core/util/error.h"

namespace le::cli {

QString Arguments::value(const QString& option, const QString& fallback) const {
    auto it = values.find(option);
    return it == values.end() ? fallback : it->second;
}

int Arguments::intValue(const QString& option, int fallback, int min, int max) const {
    if (!values.count(option)) return fallback;
    bool ok = false;
    const int v = value(option).toInt(&ok);
    if (!ok || v < min || v > max)
        throw InputError("command line", option.toStdString(),
                         "expected an integer between " + std::to_string(min) + " and " +
                             std::to_string(max) + ", got '" + value(option).toStdString() + "'");
    return v;
}

double Arguments::doubleValue(const QString& option, double fallback, double min, double max) const {
    if (!values.count(option)) return fallback;
    bool ok = false;
    const double v = value(option).toDouble(&ok);
    if (!ok || !(v >= min && v <= max))
        throw InputError("command line", option.toStdString(),
                         "expected a number between " + std::to_string(min) + " and " +
                             std::to_string(max) + ", got '" + value(option).toStdString() + "'");
    return v;
}

std::vector<long long> indicesFrom(const Arguments& args, const QString& option) {
    if (!args.has(option)) return {};
    const std::string path = args.value(option).toStdString();
    try {
        return readNpy(path).toIndices();
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(path, "", e.what());
    }
}

Arguments parseArguments(const QStringList& args, const QStringList& valued, const QStringList& flags) {
    Arguments out;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (!a.startsWith("--")) {
            out.positional << a;
            continue;
        }
        QString name = a, inlineValue;
        const bool hasInline = a.contains('=');
        if (hasInline) {
            name = a.section('=', 0, 0);
            inlineValue = a.section('=', 1);
        }
        if (flags.contains(name) && !hasInline) {
            out.flags.insert(name);
        } else if (valued.contains(name)) {
            if (!hasInline && i + 1 >= args.size())
                throw InputError("command line", name.toStdString(), "needs a value");
            out.values[name] = hasInline ? inlineValue : args[++i];
        } else {
            throw InputError("command line", a.toStdString(), "unknown option (see --help)");
        }
    }
    return out;
}

TaskContext stderrProgress(const char* command) {
    TaskContext ctx;
    auto last = std::make_shared<int>(-1);
    auto mutex = std::make_shared<std::mutex>();
    const std::string name = command;
    ctx.progress = [last, mutex, name](double fraction, std::string_view message) {
        const int percent = int(fraction * 100.0);
        std::lock_guard<std::mutex> lock(*mutex);
        if (percent < *last + 5 && percent != 100) return;
        if (percent == 100 && *last == 100) return;
        *last = percent;
        std::fprintf(stderr, "%s: %3d%% %.*s\n", name.c_str(), percent, int(message.size()),
                     message.data());
    };
    return ctx;
}

Dataset loadForCommand(const Arguments& args, const char* command) {
    if (args.positional.isEmpty()) throw InputError("command line", "", "give a structure file (see --help)");
    std::vector<std::string> paths;
    for (const auto& f : args.positional) paths.push_back(f.toStdString());
    LoadOptions options;
    if (!args.has("--no-mmap")) options.mapNpyFromBytes = kMapNpyFromBytes;
    std::vector<std::string> notes;
    Dataset d = loadDataset(paths, silentContext(), &notes, options);
    for (const auto& n : notes) std::fprintf(stderr, "%s: warning: %s\n", command, n.c_str());
    return d;
}

namespace {

bool fromFeatureFile(const FeatureSet& f, const QStringList& files) {
    for (int i = 1; i < files.size(); ++i) {
        const QString file = QString::fromStdString(featureFileLabel(files[i].toStdString()));
        const QString origin = QString::fromStdString(f.origin);
        if (origin == file || origin.startsWith(file + ":")) return true;
    }
    return false;
}

std::string namesOf(const Dataset& d) {
    std::string s;
    for (const auto& f : d.featureSets())
        s += (s.empty() ? "" : ", ") + f.name + " (" + levelName(f.level) + ")";
    return s.empty() ? "none" : s;
}

} // namespace

std::vector<const FeatureSet*> featureSetsOfLevel(const Dataset& dataset, const QStringList& files,
                                                  Level level) {
    std::vector<const FeatureSet*> out;
    const bool filesGiven = files.size() > 1;
    for (const auto& f : dataset.featureSets())
        if (f.level == level && (!filesGiven || fromFeatureFile(f, files))) out.push_back(&f);
    if (out.empty())
        throw InputError(files.value(files.size() > 1 ? 1 : 0).toStdString(), "",
                         std::string("no per-") + levelName(level) +
                             " feature set found; loaded: " + namesOf(dataset));
    return out;
}

std::vector<const FeatureSet*> atomFeatureSets(const Dataset& dataset, const QStringList& files,
                                               const QString& model) {
    auto sets = featureSetsOfLevel(dataset, files, Level::Atom);
    if (model.isEmpty()) return sets;
    for (const FeatureSet* f : sets)
        if (QString::fromStdString(f->name) == model) return {f};
    throw InputError("command line", "--model",
                     "no per-atom feature set named '" + model.toStdString() + "'; loaded: " +
                         namesOf(dataset));
}

Subset subsetFromArguments(const Arguments& args) {
    Subset subset = parseSubset(args.value("--subset").toStdString());
    if (args.has("--species")) {
        const Subset species = parseSubset("species=" + args.value("--species").toStdString());
        subset.species.insert(subset.species.end(), species.species.begin(), species.species.end());
    }
    return subset;
}

void writeText(const QString& path, const QByteArray& text) {
    writeFileAtomically(path.toStdString(), std::string_view(text.constData(), std::size_t(text.size())));
}

void writeMatrix(const QString& path, const MatrixD& matrix, const QStringList& columnNames,
                 const std::vector<Eigen::Index>& rowIndex, const QString& indexName) {
    if (path.endsWith(".npy", Qt::CaseInsensitive)) {
        writeNpy(path.toStdString(), matrix);
        return;
    }
    if (!path.endsWith(".csv", Qt::CaseInsensitive))
        throw InputError(path.toStdString(), "", "the output must end in .npy or .csv");
    QByteArray text = (QStringList{indexName} + columnNames).join(',').toUtf8() + '\n';
    for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
        text += QByteArray::number(qlonglong(rowIndex[std::size_t(r)]));
        for (Eigen::Index c = 0; c < matrix.cols(); ++c)
            text += ',' + QByteArray::number(matrix(r, c), 'g', 17);
        text += '\n';
    }
    writeText(path, text);
}

} // namespace le::cli
