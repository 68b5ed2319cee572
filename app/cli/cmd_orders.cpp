// `latent-explorer orders STRUCTURES FEATURES.npy --max-order 8 [--test-size N --stratify-by KEY]
//  --out T.json`: GFRE/LFRE between cumulant orders 1..N of one model, or (several feature
// files, --order N) between models at one order. Structures are the rows; the split is per
// structure.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

#include "app/cli/command_registry.h"
#include "app/cli/measure_option.h"
#include "app/cli/structure_common.h"
#include "core/pooling/order_tables.h"
#include "core/util/error.h"

namespace {

using namespace le;

// measures[measure][source][target] as in `compare`; a value that was not computed (NaN) → null.
QJsonObject measuresJson(const AllPairsResult& r) {
    QJsonObject measures;
    for (const auto& [measure, m] : r.matrices) {
        QJsonObject bySource;
        for (std::size_t s = 0; s < r.names.size(); ++s) {
            QJsonObject byTarget;
            for (std::size_t t = 0; t < r.names.size(); ++t) {
                const double v = m(Eigen::Index(s), Eigen::Index(t));
                byTarget[QString::fromStdString(r.names[t])] = std::isfinite(v) ? QJsonValue(v) : QJsonValue();
            }
            bySource[QString::fromStdString(r.names[s])] = byTarget;
        }
        measures[measureName(measure)] = bySource;
    }
    return measures;
}

void printTable(const StructureTable& t) {
    for (const auto& [measure, m] : t.pairs.matrices) {
        std::printf("%s (rows = source, columns = target)\n%-10s", measureName(measure), "");
        for (const auto& n : t.pairs.names) std::printf(" %10s", n.c_str());
        std::printf("\n");
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
            std::printf("%-10s", t.pairs.names[std::size_t(i)].c_str());
            for (Eigen::Index j = 0; j < m.cols(); ++j) std::printf(" %10.4g", m(i, j));
            std::printf("\n");
        }
    }
}

int runOrders(const QStringList& argv) {
    const auto args = cli::parseArguments(
        argv,
        {"--max-order", "--order", "--test-size", "--stratify-by", "--seed", "--species",
         "--subset", "--model", "--measures", "--out"},
        {"--paper-kappa8", "--no-mmap"});
    StructureTableOptions options;
    options.cumulants.paperKappa8 = args.flags.count("--paper-kappa8") > 0;
    options.subset = cli::subsetFromArguments(args);
    options.metrics.measures = le::cli::parseMeasures(args.value("--measures", "gfre,lfre"));
    if (args.has("--test-size") || args.has("--stratify-by")) {
        options.metrics.split.kind = SplitKind::Stratified;
        options.metrics.split.testSize = args.intValue("--test-size", 1000, 1, 1 << 30);
        options.metrics.split.stratifyBy = args.value("--stratify-by", "subset").toStdString();
        options.metrics.split.seed = unsigned(args.intValue("--seed", 0, 0, 1 << 30));
    }

    const Dataset dataset = cli::loadForCommand(args, "orders");
    const auto sets = cli::atomFeatureSets(dataset, args.positional, args.value("--model"));
    const bool crossModel = sets.size() > 1;
    if (crossModel && args.has("--max-order"))
        throw InputError("command line", "--max-order",
                         "several models were loaded: give --order N for the cross-model table, "
                         "or --model NAME for the order table of one model");
    options.cumulants.order = crossModel ? args.intValue("--order", 8, 1, kMaxCumulantOrder)
                                         : args.intValue("--max-order", 8, 1, kMaxCumulantOrder);
    if (!crossModel && options.cumulants.order < 2)
        throw InputError("command line", "--max-order", "an order table needs --max-order 2 or more");

    const TaskContext ctx = cli::stderrProgress("orders");
    const StructureTable table = crossModel
                                     ? computeCrossModelTable(dataset, sets, options, ctx)
                                     : computeOrderTable(dataset, *sets[0], options, ctx);
    if (table.singleAtomStructures > 0)
        std::fprintf(stderr, "orders: warning: %lld structure(s) have a single atom; their "
                             "cumulants of order >= 2 are 0\n", table.singleAtomStructures);

    QJsonArray names, testFrames;
    for (const auto& n : table.pairs.names) names.append(QString::fromStdString(n));
    for (long long row : table.pairs.testIndices) testFrames.append(double(table.frames[std::size_t(row)]));
    QJsonObject split{{"kind", options.metrics.split.kind == SplitKind::Stratified ? "stratified"
                                                                                   : "skmatter-default"}};
    if (options.metrics.split.kind == SplitKind::Stratified) {
        split["test_size"] = double(options.metrics.split.testSize);
        split["stratify_by"] = QString::fromStdString(options.metrics.split.stratifyBy);
        split["seed"] = double(options.metrics.split.seed);
    }
    split["n_train"] = double(table.pairs.trainIndices.size());
    split["n_test"] = double(table.pairs.testIndices.size());
    split["test_frames"] = testFrames;
    QJsonObject result{{"kind", crossModel ? "cross-model" : "orders"},
                       {"names", names},
                       {"measures", measuresJson(table.pairs)},
                       {"layout", "measures[measure][source][target]; the diagonal is a set against itself (self-reconstruction)"},
                       {crossModel ? "order" : "max_order", options.cumulants.order},
                       {"paper_kappa8", options.cumulants.paperKappa8},
                       {"subset", QString::fromStdString(table.subsetDescription)},
                       {"structures", double(table.frames.size())},
                       {"single_atom_structures", double(table.singleAtomStructures)},
                       {"split", split},
                       {"lfre_k", "min(d_source, d_target)"}};
    const QByteArray json = QJsonDocument(result).toJson(QJsonDocument::Indented);
    if (args.has("--out")) {
        cli::writeText(args.value("--out"), json);
        printTable(table);
    } else {
        std::fputs(json.constData(), stdout);
    }
    return 0;
}

} // namespace

LE_REGISTER_COMMAND(
    "orders", "GFRE/LFRE between cumulant orders of one model, or between models at one order",
    "Usage: latent-explorer orders STRUCTURES FEATURES.npy [--max-order 8] [options] [--out T.json]\n"
    "       latent-explorer orders STRUCTURES A.npy B.npy ... [--order 8] [options] [--out T.json]\n\n"
    "One model: the order x order table between phi1..phiN (phi_a = cumulants k1..ka pooled per\n"
    "structure); GFRE(higher -> lower) is ~0 by construction. Several models: the cross-model\n"
    "table at one order. Rows of the matrices are sources, columns targets.\n\n"
    "  --max-order N / --order N   1..8 (default 8)\n"
    "  --test-size N --stratify-by KEY [--seed S]   per-structure split with N test structures\n"
    "                   stratified by a frame label (the paper: 1000, subset, 0); default is\n"
    "                   scikit-matter's 50/50 split\n"
    "  --measures gfre,lfre   any of gfre, gfrd, lfre (default gfre,lfre); LFRE k = min(dims)\n"
    "  --paper-kappa8   the paper scripts' k8 (see pool --help)\n"
    "  --species O,H / --subset K=V,..  pool only these atoms / frames\n"
    "  --model NAME     the order table of one of several loaded models\n"
    "  --out FILE       write the JSON there and print the tables; otherwise JSON on stdout\n"
    "  --no-mmap        read .npy files into memory instead of memory-mapping them\n\n"
    "Exit 0 on success, 2 on bad input.",
    runOrders);
