// `latent-explorer project STRUCTURES FEATURES... --method pca|pcovr [--property KEY
//  --mixing 0.5] [--level atom|structure] [--components 2] [--subset/--species] --out C.npy|.csv`
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include "app/cli/command_registry.h"
#include "app/cli/structure_common.h"
#include "core/pooling/cumulants.h"
#include "core/projection/projection.h"
#include "core/util/error.h"

namespace {

using namespace le;

QJsonArray toJson(const Eigen::VectorXd& v) {
    QJsonArray a;
    for (Eigen::Index i = 0; i < v.size(); ++i) a.append(v(i));
    return a;
}

// The property's rows for the selected feature rows; numbers only.
MatrixD propertyRows(const Dataset& dataset, const QString& key, Level level,
                     const std::vector<Eigen::Index>& rows) {
    const Property* p = dataset.findProperty(key.toStdString(), level);
    if (!p || p->isText) {
        std::string known;
        for (const auto& q : dataset.properties())
            if (q.level == level && !q.isText) known += (known.empty() ? "" : ", ") + q.name;
        throw InputError("command line", "--property",
                         "no numeric per-" + std::string(levelName(level)) + " property '" +
                             key.toStdString() + "'; available: " + (known.empty() ? "none" : known));
    }
    return takeRows(p->numbers, rows);
}

const FeatureSet& chooseFeatureSet(const Dataset& dataset, const cli::Arguments& args, Level level) {
    auto sets = cli::featureSetsOfLevel(dataset, args.positional, level);
    if (args.has("--model")) {
        std::vector<const FeatureSet*> chosen;
        for (auto* f : sets)
            if (QString::fromStdString(f->name) == args.value("--model")) chosen.push_back(f);
        if (chosen.empty())
            throw InputError("command line", "--model",
                             "no feature set named '" + args.value("--model").toStdString() + "'");
        sets = chosen;
    }
    if (sets.size() != 1)
        throw InputError("command line", "--model",
                         "several feature sets of that level were loaded; choose one with --model NAME");
    return *sets[0];
}

int runProject(const QStringList& argv) {
    const auto args = cli::parseArguments(
        argv, {"--method", "--property", "--mixing", "--level", "--components", "--subset",
               "--species", "--model", "--pool-order", "--out"},
        {"--no-mmap"});
    if (!args.has("--out")) throw InputError("command line", "--out", "give the output file (.npy or .csv)");
    const QString method = args.value("--method", "pca");
    if (method != "pca" && method != "pcovr")
        throw InputError("command line", "--method", "expected pca or pcovr, got '" + method.toStdString() + "'");
    const QString levelText = args.value("--level", "atom");
    if (levelText != "atom" && levelText != "structure")
        throw InputError("command line", "--level", "expected atom or structure");
    const Level requestedLevel = levelText == "atom" ? Level::Atom : Level::Structure;
    if (method == "pcovr" && !args.has("--property"))
        throw InputError("command line", "--property", "PCovR needs a property to regress (--property KEY)");

    const Dataset dataset = cli::loadForCommand(args, "project");
    const Subset subset = cli::subsetFromArguments(args);
    const bool pool = args.has("--pool-order");
    if (pool && requestedLevel == Level::Atom && args.has("--level"))
        throw InputError("command line", "--level", "--pool-order gives structure rows; drop --level atom");
    const Level level = pool ? Level::Structure : requestedLevel;
    const FeatureSet& chosen = chooseFeatureSet(dataset, args, pool ? Level::Atom : level);

    // With --pool-order the rows are the pooled structures (frames with atoms in the subset).
    FeatureSet pooledSet;
    std::vector<Eigen::Index> rows, rowIndex;
    if (pool) {
        CumulantOptions o;
        o.order = args.intValue("--pool-order", 8, 1, kMaxCumulantOrder);
        const SubsetGroups kept = subsetGroups(dataset, subset);
        PooledFeatures pooled = poolCumulants(chosen, kept.groups, o, silentContext());
        pooledSet = FeatureSet{chosen.name + " phi" + std::to_string(o.order), Level::Structure,
                               std::move(pooled.values), chosen.origin};
        rowIndex = kept.frames;
    } else {
        rows = selectedRows(dataset, subset, level);
        rowIndex = rows;
    }
    const FeatureSet& features = pool ? pooledSet : chosen;
    if (rowIndex.size() < 2) throw InputError("command line", "--subset", "fewer than two rows are selected");
    const int components = args.intValue("--components", 2, 1, int(features.cols()));

    ProjectionResult result;
    const TaskContext ctx = cli::stderrProgress("project");
    if (method == "pca") {
        PcaOptions o;
        o.components = components;
        result = computePca(features, rows, o, ctx);
    } else {
        PcovrOptions o;
        o.components = components;
        o.mixing = args.doubleValue("--mixing", 0.5, 0.0, 1.0);
        result = computePcovr(features, propertyRows(dataset, args.value("--property"), level, rowIndex),
                              rows, o, ctx);
    }

    QStringList columns;
    for (int j = 1; j <= components; ++j) columns << method + QString::number(j);
    cli::writeMatrix(args.value("--out"), result.coordinates, columns, rowIndex,
                     level == Level::Atom ? "atom" : "frame");

    QJsonObject summary{{"method", method},
                        {"features", QString::fromStdString(features.name)},
                        {"level", levelName(level)},
                        {"subset", QString::fromStdString(subset.description())},
                        {"rows", double(rowIndex.size())},
                        {"components", components},
                        {"explained_variance", toJson(result.explainedVariance)},
                        {"explained_variance_ratio", toJson(result.explainedVarianceRatio)},
                        {"out", args.value("--out")}};
    if (pool) summary["pool_order"] = args.intValue("--pool-order", 8, 1, kMaxCumulantOrder);
    if (method == "pcovr") {
        summary["property"] = args.value("--property");
        summary["mixing"] = args.doubleValue("--mixing", 0.5, 0.0, 1.0);
    }
    std::fputs(QJsonDocument(summary).toJson(QJsonDocument::Indented).constData(), stdout);
    return 0;
}

} // namespace

LE_REGISTER_COMMAND(
    "project", "PCA or PCovR map of a feature set (atom or structure level)",
    "Usage: latent-explorer project STRUCTURES [FEATURES...] --out C.npy|C.csv [options]\n\n"
    "  --method pca|pcovr   PCA (centred) or PCovR as scikit-matter's PCovR (default pca)\n"
    "  --property KEY       PCovR target: a numeric property of the same level (e.g. energy)\n"
    "  --mixing A           PCovR mixing alpha in [0, 1] (default 0.5; 1 = PCA, 0 = regression)\n"
    "  --level atom|structure  rows to project (default atom)\n"
    "  --pool-order N       project cumulant-pooled structure features of order N made from\n"
    "                       the per-atom features (rows = structures; --species pools only those)\n"
    "  --components K       number of coordinates (default 2)\n"
    "  --species O,H / --subset K=V,..  restrict the rows (atoms of species, frames by label)\n"
    "  --model NAME         the feature set when several of that level are loaded\n"
    "  --out FILE           .npy (coordinates only) or .csv (with the atom/frame index)\n"
    "  --no-mmap            read .npy files into memory instead of memory-mapping them\n\n"
    "Signs: each component's largest loading is positive. Prints a JSON summary (explained\n"
    "variance ratios) on stdout. Exit 0 on success, 2 on bad input.",
    runProject);
