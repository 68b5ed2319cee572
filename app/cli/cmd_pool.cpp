// `latent-explorer pool STRUCTURES FEATURES.npy --order 8 [--paper-kappa8] [--species O]
//  [--subset KEY=VALUE] [--model NAME] --out P.npy|.csv`: cumulant-pooled structure features.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include "app/cli/command_registry.h"
#include "app/cli/structure_common.h"
#include "core/pooling/cumulants.h"
#include "core/util/error.h"

namespace {

using namespace le;

int runPool(const QStringList& argv) {
    const auto args = cli::parseArguments(argv, {"--order", "--species", "--subset", "--model", "--out"},
                                          {"--paper-kappa8", "--no-mmap"});
    if (!args.has("--out")) throw InputError("command line", "--out", "give the output file (.npy or .csv)");
    CumulantOptions options;
    options.order = args.intValue("--order", 8, 1, kMaxCumulantOrder);
    options.paperKappa8 = args.flags.count("--paper-kappa8") > 0;
    const Subset subset = cli::subsetFromArguments(args);

    const Dataset dataset = cli::loadForCommand(args, "pool");
    const auto sets = cli::atomFeatureSets(dataset, args.positional, args.value("--model"));
    if (sets.size() != 1)
        throw InputError("command line", "--model",
                         "several per-atom feature sets were loaded; choose one with --model NAME");
    const FeatureSet& features = *sets[0];
    const SubsetGroups kept = subsetGroups(dataset, subset);
    if (kept.frames.empty())
        throw InputError("command line", "--species/--subset",
                         "no structure has atoms in the subset '" + subset.description() + "'");
    const PooledFeatures pooled =
        poolCumulants(features, kept.groups, options, cli::stderrProgress("pool"));

    QStringList columns;
    const Eigen::Index d = features.cols();
    for (int n = 1; n <= options.order; ++n)
        for (Eigen::Index j = 0; j < d; ++j) columns << QString("k%1_%2").arg(n).arg(j);
    cli::writeMatrix(args.value("--out"), pooled.values, columns, kept.frames, "frame");

    if (pooled.singleAtomGroups > 0)
        std::fprintf(stderr,
                     "pool: warning: %lld structure(s) have a single atom in the subset; their "
                     "cumulants of order >= 2 are set to 0\n",
                     pooled.singleAtomGroups);
    const long long dropped = dataset.frameCount() - Eigen::Index(kept.frames.size());
    if (dropped > 0)
        std::fprintf(stderr, "pool: warning: %lld frame(s) have no atom in the subset and are left out\n",
                     dropped);

    QJsonObject summary{{"features", QString::fromStdString(features.name)},
                        {"order", options.order},
                        {"paper_kappa8", options.paperKappa8},
                        {"subset", QString::fromStdString(subset.description())},
                        {"rows", double(pooled.values.rows())},
                        {"columns", double(pooled.values.cols())},
                        {"single_atom_structures", double(pooled.singleAtomGroups)},
                        {"dropped_frames", double(dropped)},
                        {"out", args.value("--out")}};
    if (dropped > 0) {
        QJsonArray frames;
        for (Eigen::Index f : kept.frames) frames.append(double(f));
        summary["frames"] = frames;
    }
    std::fputs(QJsonDocument(summary).toJson(QJsonDocument::Indented).constData(), stdout);
    return 0;
}

} // namespace

LE_REGISTER_COMMAND(
    "pool", "cumulant pooling of per-atom features into structure features",
    "Usage: latent-explorer pool STRUCTURES [FEATURES.npy] --out P.npy|P.csv [options]\n\n"
    "Per structure and per feature: the mean k1 and the cumulants k2..kN of the atoms' values,\n"
    "each kn (n >= 2) as sign(kn)|kn|^(1/n); columns are blocks k1..kN of d features each.\n\n"
    "  --order N        highest cumulant order, 1..8 (default 8)\n"
    "  --paper-kappa8   use the paper scripts' k8 (coefficients 420/560 swapped) to reproduce\n"
    "                   published numbers; default is the standard formula\n"
    "  --species O,H    pool only the atoms of these species (frames without any are left out)\n"
    "  --subset K=V,..  only frames whose label K is one of the values (e.g. subset=bulk)\n"
    "  --model NAME     the per-atom feature set to pool when several are loaded\n"
    "  --out FILE       .npy (rows = kept frames) or .csv (with a frame column)\n"
    "  --no-mmap        read .npy files into memory instead of memory-mapping them\n\n"
    "Prints a JSON summary on stdout. Exit 0 on success, 2 on bad input.",
    runPool);
