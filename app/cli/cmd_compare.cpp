// `latent-explorer compare`: GFRE / GFRD / LFRE between every ordered pair of the per-atom
// feature sets of a dataset (the paper's protocol with --test-size 1000 --stratify-by subset).
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include "app/cli/command_registry.h"
#include "app/cli/measure_option.h"
#include "app/cli/structure_common.h"
#include "app/mpi/process_communicator.h"
#include "core/dataset/elements.h"
#include "core/io/hdf5_project.h"
#include "core/io/npy.h"
#include "core/io/stored_comparison.h"
#include "core/metrics/distributed_pairs.h"
#include "core/util/error.h"

namespace {

using namespace le;

QJsonArray indexArray(const std::vector<long long>& idx) {
    QJsonArray a;
    for (long long i : idx) a.append(double(i));
    return a;
}

// {"measures": {"gfre": {source: {target: value}}}, "names", "split", "k", ...}; NaN → null.
QJsonObject resultJson(const AllPairsResult& r, const QJsonObject& splitInfo) {
    QJsonObject measures, kJson;
    for (const auto& [m, matrix] : r.matrices) {
        QJsonObject bySource;
        for (std::size_t s = 0; s < r.names.size(); ++s) {
            QJsonObject byTarget;
            for (std::size_t t = 0; t < r.names.size(); ++t) {
                const double v = matrix(Eigen::Index(s), Eigen::Index(t));
                byTarget[QString::fromStdString(r.names[t])] = std::isnan(v) ? QJsonValue() : QJsonValue(v);
            }
            bySource[QString::fromStdString(r.names[s])] = byTarget;
        }
        measures[measureName(m)] = bySource;
        if (m == Measure::LFRE) {
            for (std::size_t s = 0; s < r.names.size(); ++s) {
                QJsonObject byTarget;
                for (std::size_t t = 0; t < r.names.size(); ++t)
                    byTarget[QString::fromStdString(r.names[t])] = double(r.pairs.at(m)[s][t].k);
                kJson[QString::fromStdString(r.names[s])] = byTarget;
            }
        }
    }
    QJsonArray names;
    for (const auto& n : r.names) names.append(QString::fromStdString(n));
    QJsonObject split = splitInfo;
    split["n_train"] = double(r.trainIndices.size());
    split["n_test"] = double(r.testIndices.size());
    split["test_indices"] = indexArray(r.testIndices);
    split["train_indices"] = indexArray(r.trainIndices);
    QJsonObject out{{"names", names}, {"measures", measures}, {"split", split},
                    {"layout", "measures[measure][source][target]; the diagonal is a set against itself (self-reconstruction)"}};
    if (!kJson.isEmpty()) out["lfre_k"] = kJson;
    return out;
}

// Long format: measure,source,target,value,k, one line per computed pair (a diagonal switched off
// has none); the split goes to <stem>.train_idx.npy / .test_idx.npy.
QByteArray resultCsv(const AllPairsResult& r) {
    auto quote = [](const std::string& s) {
        QString q = QString::fromStdString(s);
        if (q.contains(',') || q.contains('"') || q.contains('\n')) q = '"' + q.replace("\"", "\"\"") + '"';
        return q.toUtf8();
    };
    QByteArray text = "measure,source,target,value,k\n";
    for (const auto& [m, matrix] : r.matrices)
        for (std::size_t s = 0; s < r.names.size(); ++s)
            for (std::size_t t = 0; t < r.names.size(); ++t) {
                if (std::isnan(matrix(Eigen::Index(s), Eigen::Index(t)))) continue;
                text += QByteArray(measureName(m)) + ',' + quote(r.names[s]) + ',' + quote(r.names[t]) + ',' +
                        QByteArray::number(matrix(Eigen::Index(s), Eigen::Index(t)), 'g', 17) + ',' +
                        (m == Measure::LFRE ? QByteArray::number(r.pairs.at(m)[s][t].k) : QByteArray()) + '\n';
            }
    return text;
}

// A project file, self-contained: the dataset (structures and feature sets) plus the comparison
// stored exactly as the GUI saves its workspace (matrices, per-point values, split, settings), so
// that the GUI opens it like a local run without recomputing. The dataset is moved in, not copied.
void writeProjectResult(const QString& path, Dataset dataset, const AllPairsResult& r, const QJsonObject& splitInfo) {
    Project project;
    project.dataset = std::move(dataset);
    StoredResult result = comparisonToStored(r, {}, Level::Atom);
    result.attributes["split"] = QJsonDocument(splitInfo).toJson(QJsonDocument::Compact).toStdString();
    result.attributes["written_by"] = "latent-explorer compare";
    project.results.push_back(std::move(result));
    writeProject(path.toStdString(), project);
}

void printTable(const AllPairsResult& r) {
    for (const auto& [m, matrix] : r.matrices) {
        std::printf("%s (rows: source, columns: target)\n%-20s", measureName(m), "");
        for (const auto& n : r.names) std::printf(" %14.14s", n.c_str());
        std::printf("\n");
        for (std::size_t s = 0; s < r.names.size(); ++s) {
            std::printf("%-20.20s", r.names[s].c_str());
            for (std::size_t t = 0; t < r.names.size(); ++t) {
                const double v = matrix(Eigen::Index(s), Eigen::Index(t));
                if (std::isnan(v)) std::printf(" %14s", "-");
                else std::printf(" %14.6g", v);
            }
            std::printf("\n");
        }
    }
}

int runCompare(const QStringList& rawArgs) {
    const cli::Arguments args = cli::parseArguments(
        rawArgs, {"--measures", "--test-size", "--stratify-by", "--seed", "--k", "--out"}, {"--no-diagonal"});
    Dataset dataset = cli::loadForCommand(args.positional, "compare");
    const std::vector<const FeatureSet*> sets = cli::atomFeatureSets(dataset, args.positional);
    if (sets.size() < 2)
        throw InputError(args.positional[0].toStdString(), "",
                         "compare needs at least two per-atom feature sets, found " + std::to_string(sets.size()));

    MetricSettings settings;
    settings.measures = le::cli::parseMeasures(args.value("--measures", "gfre,gfrd,lfre"));
    settings.lfreK = args.intValue("--k", 0, 2, 1 << 30);
    settings.includeDiagonal = !args.has("--no-diagonal");
    QJsonObject splitInfo{{"kind", "skmatter-default"}};
    std::vector<std::string> labels;
    if (args.has("--stratify-by") && !args.has("--test-size"))
        throw InputError("command line", "--stratify-by", "needs --test-size N");
    if (args.has("--test-size")) {
        settings.split.kind = SplitKind::Stratified;
        settings.split.testSize = args.intValue("--test-size", 1000, 1, 1 << 30);
        settings.split.seed = unsigned(args.intValue("--seed", 0, 0, 2147483647));
        settings.split.stratifyBy = args.value("--stratify-by").toStdString();
        if (args.has("--stratify-by")) {
            auto found = dataset.atomLabels(settings.split.stratifyBy);
            if (!found && settings.split.stratifyBy == "species") { // element symbols
                found.emplace();
                for (int z : dataset.atomSpecies()) found->push_back(elementSymbol(z));
            }
            if (!found)
                throw InputError(args.positional[0].toStdString(), "",
                                 "no frame info key or atom property '" + settings.split.stratifyBy +
                                     "' to stratify by");
            labels = *found;
        } else {
            labels.assign(std::size_t(sets[0]->rows()), ""); // one group: a plain random test set
        }
        splitInfo = QJsonObject{{"kind", "stratified"},
                                {"stratify_by", QString::fromStdString(settings.split.stratifyBy)},
                                {"seed", double(settings.split.seed)}};
    } else if (args.has("--seed")) {
        throw InputError("command line", "--seed", "needs --test-size N (the default split has a fixed seed)");
    }

    // Under mpirun every rank computes its share; rank 0 gathers them and writes the output.
    const Communicator& comm = cli::processCommunicator();
    if (comm.size() > 1 && comm.isRoot())
        std::fprintf(stderr, "compare: %d MPI processes (GFRE/GFRD spread by source, LFRE by test points)\n",
                     comm.size());
    const AllPairsResult r = computeAllPairsDistributed(
        sets, settings, labels, comm, comm.isRoot() ? cli::stderrProgress("compare") : silentContext());
    if (!comm.isRoot()) return 0;
    const QString out = args.value("--out");
    if (!out.isEmpty() && !out.endsWith(".json", Qt::CaseInsensitive) && !out.endsWith(".csv", Qt::CaseInsensitive) &&
        !out.endsWith(".h5", Qt::CaseInsensitive))
        throw InputError(out.toStdString(), "", "the output must end in .json, .csv or .h5");
    if (out.isEmpty()) {
        std::fputs(QJsonDocument(resultJson(r, splitInfo)).toJson(QJsonDocument::Indented).constData(), stdout);
        return 0;
    }
    if (out.endsWith(".json", Qt::CaseInsensitive)) {
        cli::writeText(out, QJsonDocument(resultJson(r, splitInfo)).toJson(QJsonDocument::Indented));
    } else if (out.endsWith(".csv", Qt::CaseInsensitive)) {
        cli::writeText(out, resultCsv(r));
        const QString stem = out.left(out.size() - 4);
        writeNpy((stem + ".train_idx.npy").toStdString(), r.trainIndices);
        writeNpy((stem + ".test_idx.npy").toStdString(), r.testIndices);
    } else if (out.endsWith(".h5", Qt::CaseInsensitive)) {
        writeProjectResult(out, std::move(dataset), r, splitInfo); // `sets` point into it: not used after
    } else {
        throw InputError(out.toStdString(), "", "the output must end in .json, .csv or .h5");
    }
    printTable(r);
    std::fprintf(stderr, "compare: wrote %s\n", qPrintable(out));
    return 0;
}

} // namespace

LE_REGISTER_COMMAND(
    "compare", "GFRE/GFRD/LFRE between every ordered pair of per-atom feature sets",
    "Usage: latent-explorer compare STRUCTURES [FEATURE_FILES...] [--measures gfre,gfrd,lfre]\n"
    "           [--test-size N [--stratify-by KEY] [--seed S]] [--k K] [--no-diagonal]\n"
    "           [--out FILE.json|.csv|.h5]\n\n"
    "Loads the structures and feature files (as `info` does) and computes the measures for\n"
    "every ordered pair (source → target) of the per-atom feature sets. Split: scikit-matter's\n"
    "default 50/50 split, or with --test-size N a random test set of exactly N atoms,\n"
    "stratified by the frame info key or atom property KEY, or by `species` (proportional per\n"
    "label, largest remainder; seed S, default 0). LFRE's k defaults to min(d_source, d_target).\n"
    "Without --out the JSON result (matrices, names, split indices) goes to stdout; with --out\n"
    "it is written there (.csv: long format, plus STEM.train_idx.npy / STEM.test_idx.npy; .h5: a\n"
    "project file with the dataset and the comparison as the GUI saves it: open it in the GUI to\n"
    "see the heatmaps and per-point values without recomputing) and\n"
    "a table is printed. The diagonal (each set against itself) is computed unless\n"
    "--no-diagonal is given (then it is null / NaN / '-'): it is the costliest LFRE of a row.\n"
    "Progress on stderr. Exit code 0 on success, 2 on bad input.\n"
    "With MPI: mpirun -np P latent-explorer compare ... spreads the work over P processes\n"
    "(GFRE/GFRD by source, LFRE by test points); rank 0 writes the output.\n"
    "Paper protocol: compare data.extxyz a.npy b.npy --test-size 1000 --stratify-by subset",
    runCompare);
