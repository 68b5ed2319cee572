// `latent-explorer compare`: GFRE / GFRD / LFRE (and the measures beyond linear reconstruction:
// kernel GFRE, CKA, debiased CKA, Procrustes angle, information imbalance, intrinsic dimension)
// between every ordered pair of the per-atom feature sets of a dataset (the paper's protocol
// with --test-size 1000 --stratify-by subset).
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "app/cli/command_registry.h"
#include "app/cli/measure_option.h"
#include "app/cli/structure_common.h"
#include "app/cli/compare_statistics.h"
#include "app/mpi/process_communicator.h"
#include "core/dataset/row_labels.h"
#include "core/io/hdf5_project.h"
#include "core/io/npy.h"
#include "core/io/stored_comparison.h"
#include "core/io/stored_repeats.h"
#include "core/metrics/repeated_pairs.h"
#include "core/util/error.h"

namespace {

using namespace le;

QJsonArray seedList(unsigned int first, int count) {
    QJsonArray a;
    for (int r = 0; r < count; ++r) a.append(double(first) + r);
    return a;
}

QJsonArray indexArray(const std::vector<long long>& idx) {
    QJsonArray a;
    for (long long i : idx) a.append(double(i));
    return a;
}

// intrinsic_dimension {model: d}, kgfre {gamma, rank: {model: …}}, model_map {names, mds,
// mds_eigenvalues, dendrogram: [{left, right, height, size}]}.
void addExtendedJson(const AllPairsResult& r, QJsonObject& out) {
    auto byModel = [&](const auto& values) {
        QJsonObject o;
        for (std::size_t i = 0; i < values.size(); ++i) o[QString::fromStdString(r.names[i])] = double(values[i]);
        return o;
    };
    if (!r.intrinsicDimension.empty()) out["intrinsic_dimension"] = byModel(r.intrinsicDimension);
    if (!r.kernelGamma.empty()) {
        const KernelGfreSettings& k = r.settings.kernel;
        out["kgfre"] = QJsonObject{{"gamma", byModel(r.kernelGamma)},
                                   {"rank", byModel(r.kernelRank)},
                                   {"landmarks", k.landmarkRows.empty() ? double(std::min<long long>(k.landmarks, (long long)r.trainIndices.size()))
                                                                        : double(k.landmarkRows.size())},
                                   {"landmark_seed", double(k.seed)}};
    }
    if (!r.modelMap) return;
    QJsonArray names, mds, merges;
    for (const auto& n : r.names) names.append(QString::fromStdString(n));
    for (Eigen::Index i = 0; i < r.modelMap->coordinates.rows(); ++i)
        mds.append(QJsonArray{r.modelMap->coordinates(i, 0), r.modelMap->coordinates(i, 1)});
    for (const DendrogramMerge& m : r.modelMap->merges)
        merges.append(QJsonObject{{"left", m.left}, {"right", m.right}, {"height", m.height}, {"size", m.size}});
    out["model_map"] = QJsonObject{
        {"names", names},
        {"mds", mds},
        {"mds_eigenvalues", QJsonArray{r.modelMap->eigenvalues[0], r.modelMap->eigenvalues[1]}},
        {"dendrogram", merges},
        {"about", "classical MDS and average-linkage merges of the procrustes angles; cluster ids: models 0..n-1, "
                  "merge s creates n+s"}};
}

// {"measures": {"gfre": {source: {target: value}}}, "names", "split", "k", ...}; NaN → null.
// With --repeats: measures = the means, plus measures_std / measures_repeats; with --by the
// breakdown by group. Without them the layout is the single run's, unchanged.
QJsonObject resultJson(const RepeatedPairsResult& repeated, const QJsonObject& splitInfo, bool withRepeats,
                       bool withBreakdown) {
    const AllPairsResult& r = repeated.first;
    QJsonObject measures, kJson;
    for (const auto& [m, matrix] : r.matrices) {
        measures[measureName(m)] =
            cli::pairMatrixJson(r.names, withRepeats ? repeated.summary.measures.at(m).mean : matrix);
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
    addExtendedJson(r, out);
    if (withRepeats) {
        cli::addRepeatsJson(out, repeated.summary, r.names);
        out["repeats"] = repeated.summary.count;
    }
    if (withBreakdown) cli::addBreakdownJson(out, repeated.summary, r.names, withRepeats);
    return out;
}

// Long format: measure,source,target,value,k, one line per computed pair (a diagonal switched off
// has none); with --repeats value is the mean, followed by std and repeat_1..repeat_R. The split
// goes to <stem>.train_idx.npy / .test_idx.npy (the first repeat's).
QByteArray resultCsv(const RepeatedPairsResult& repeated, bool withRepeats) {
    const AllPairsResult& r = repeated.first;
    QByteArray text = "measure,source,target,value,k";
    if (withRepeats) {
        text += ",std";
        for (int i = 0; i < repeated.summary.count; ++i) text += ",repeat_" + QByteArray::number(i + 1);
    }
    text += '\n';
    auto number = [](double v) { return std::isnan(v) ? QByteArray() : QByteArray::number(v, 'g', 17); };
    for (const auto& [m, single] : r.matrices) {
        const RepeatedMatrices* stats = withRepeats ? &repeated.summary.measures.at(m) : nullptr;
        const Eigen::MatrixXd& matrix = stats ? stats->mean : single;
        for (std::size_t s = 0; s < r.names.size(); ++s)
            for (std::size_t t = 0; t < r.names.size(); ++t) {
                const auto i = Eigen::Index(s), j = Eigen::Index(t);
                if (std::isnan(matrix(i, j))) continue;
                text += QByteArray(measureName(m)) + ',' + cli::csvField(r.names[s]) + ',' + cli::csvField(r.names[t]) +
                        ',' + number(matrix(i, j)) + ',' +
                        (m == Measure::LFRE ? QByteArray::number(r.pairs.at(m)[s][t].k) : QByteArray());
                if (stats) {
                    text += ',' + number(stats->std(i, j));
                    for (const auto& rep : stats->repeats) text += ',' + number(rep(i, j));
                }
                text += '\n';
            }
    }
    for (std::size_t i = 0; i < r.intrinsicDimension.size(); ++i) // one value per model: no target
        text += "id," + cli::csvField(r.names[i]) + ",," + QByteArray::number(r.intrinsicDimension[i], 'g', 17) + ",\n";
    return text;
}

// A project file, self-contained: the dataset (structures and feature sets) plus the comparison
// stored exactly as the GUI saves its workspace (matrices, per-point values, split, settings), so
// that the GUI opens it like a local run without recomputing. The dataset is moved in, not copied.
// The matrices and split are the first repeat's; with --repeats / --by the statistics follow
// (core/io/stored_repeats.h).
void writeProjectResult(const QString& path, Dataset dataset, const RepeatedPairsResult& repeated,
                        const QJsonObject& splitInfo, bool withStatistics) {
    const AllPairsResult& r = repeated.first;
    Project project;
    project.dataset = std::move(dataset);
    StoredResult result = comparisonToStored(r, {}, Level::Atom, withStatistics ? &repeated.summary : nullptr);
    result.attributes["split"] = QJsonDocument(splitInfo).toJson(QJsonDocument::Compact).toStdString();
    result.attributes["written_by"] = "latent-explorer compare";
    project.results.push_back(std::move(result));
    writeProject(path.toStdString(), project);
}

// The matrices (the means with --repeats, ± the s.d. in a second table).
void printTable(const RepeatedPairsResult& repeated, bool withRepeats) {
    const AllPairsResult& r = repeated.first;
    std::vector<std::pair<std::string, Eigen::MatrixXd>> tables;
    for (const auto& [m, matrix] : r.matrices) {
        if (!withRepeats) {
            tables.emplace_back(measureName(m), matrix);
            continue;
        }
        const RepeatedMatrices& stats = repeated.summary.measures.at(m);
        const std::string count = std::to_string(stats.repeats.size());
        tables.emplace_back(std::string(measureName(m)) + ", mean of " + count + " repeats", stats.mean);
        tables.emplace_back(std::string(measureName(m)) + ", sample s.d. of " + count + " repeats", stats.std);
    }
    for (const auto& [title, matrix] : tables) {
        std::printf("%s (rows: source, columns: target)\n%-20s", title.c_str(), "");
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
    if (!r.intrinsicDimension.empty()) std::printf("id (TwoNN intrinsic dimension of the test rows)\n");
    for (std::size_t i = 0; i < r.intrinsicDimension.size(); ++i)
        std::printf("%-20.20s %14.6g\n", r.names[i].c_str(), r.intrinsicDimension[i]);
}

// --landmarks N | --landmarks-idx L.npy, --gamma G: only meaningful with kgfre.
KernelGfreSettings kernelSettingsFrom(const cli::Arguments& args, const std::vector<Measure>& measures) {
    KernelGfreSettings k;
    const bool kgfre = std::find(measures.begin(), measures.end(), Measure::KGFRE) != measures.end();
    for (const char* option : {"--landmarks", "--landmarks-idx", "--gamma"})
        if (args.has(option) && !kgfre) throw InputError("command line", option, "is only used by the kgfre measure");
    if (args.has("--landmarks") && args.has("--landmarks-idx"))
        throw InputError("command line", "--landmarks-idx", "give either --landmarks N or --landmarks-idx, not both");
    k.landmarks = args.intValue("--landmarks", 2000, 2, 1 << 30);
    k.landmarkRows = cli::indicesFrom(args, "--landmarks-idx");
    if (args.has("--landmarks-idx") && k.landmarkRows.size() < 2)
        throw InputError(args.value("--landmarks-idx").toStdString(), "", "needs at least 2 landmark rows");
    k.gamma = args.doubleValue("--gamma", 0.0, 1e-300, 1e300);
    return k;
}

int runCompare(const QStringList& rawArgs) {
    const cli::Arguments args = cli::parseArguments(
        rawArgs, {"--measures", "--test-size", "--stratify-by", "--seed", "--k", "--out", "--repeats", "--by", "--landmarks",
                  "--landmarks-idx", "--gamma"}, {"--no-diagonal", "--no-mmap"});
    Dataset dataset = cli::loadForCommand(args, "compare");
    const std::vector<const FeatureSet*> sets = cli::atomFeatureSets(dataset, args.positional);
    if (sets.size() < 2)
        throw InputError(args.positional[0].toStdString(), "",
                         "compare needs at least two per-atom feature sets, found " + std::to_string(sets.size()));

    MetricSettings settings;
    settings.measures = le::cli::parseMeasures(args.value("--measures", "gfre,gfrd,lfre"), cli::allMeasures());
    settings.kernel = kernelSettingsFrom(args, settings.measures);
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
        settings.kernel.seed = settings.split.seed;
        settings.split.stratifyBy = args.value("--stratify-by").toStdString();
        if (args.has("--stratify-by"))
            labels = rowLabels(dataset, settings.split.stratifyBy, Level::Atom);
        else
            labels.assign(std::size_t(sets[0]->rows()), ""); // one group: a plain random test set
        splitInfo = QJsonObject{{"kind", "stratified"},
                                {"stratify_by", QString::fromStdString(settings.split.stratifyBy)},
                                {"seed", double(settings.split.seed)}};
    } else if (args.has("--seed")) {
        throw InputError("command line", "--seed", "needs --test-size N (the default split has a fixed seed)");
    }

    const bool withRepeats = args.has("--repeats"), withBreakdown = args.has("--by");
    const int repeats = args.intValue("--repeats", 1, 1, 10000);
    if (repeats > 1 && settings.split.kind != SplitKind::Stratified)
        throw InputError("command line", "--repeats",
                         "needs --test-size N: repeats draw new test sets with seeds S, S+1, ...; the default "
                         "split has a fixed seed");
    std::optional<RowGroups> groups;
    if (withBreakdown) {
        const std::string key = args.value("--by").toStdString();
        groups = makeRowGroups(key, rowLabels(dataset, key, Level::Atom));
    }
    if (withRepeats) splitInfo["seeds"] = seedList(settings.split.seed, repeats);
    // Under mpirun every rank computes its share; rank 0 gathers them and writes the output.
    const Communicator& comm = cli::processCommunicator();
    if (comm.size() > 1 && comm.isRoot())
        std::fprintf(stderr, "compare: %d MPI processes (GFRE/GFRD spread by source; LFRE neighbours searched with the "
                             "train rows shared out, fits by test points; the other measures on rank 0)\n",
                     comm.size());
    const RepeatedPairsResult r =
        computeRepeatedPairs(sets, settings, labels, repeats, groups ? &*groups : nullptr,
                             comm.isRoot() ? cli::stderrProgress("compare") : silentContext(), comm);
    if (!comm.isRoot()) return 0;
    const QString out = args.value("--out");
    if (!out.isEmpty() && !out.endsWith(".json", Qt::CaseInsensitive) && !out.endsWith(".csv", Qt::CaseInsensitive) &&
        !out.endsWith(".h5", Qt::CaseInsensitive))
        throw InputError(out.toStdString(), "", "the output must end in .json, .csv or .h5");
    if (out.isEmpty()) {
        std::fputs(QJsonDocument(resultJson(r, splitInfo, withRepeats, withBreakdown)).toJson(QJsonDocument::Indented).constData(), stdout);
        return 0;
    }
    if (out.endsWith(".json", Qt::CaseInsensitive)) {
        cli::writeText(out, QJsonDocument(resultJson(r, splitInfo, withRepeats, withBreakdown)).toJson(QJsonDocument::Indented));
    } else if (out.endsWith(".csv", Qt::CaseInsensitive)) {
        cli::writeText(out, resultCsv(r, withRepeats));
        const QString stem = out.left(out.size() - 4);
        writeNpy((stem + ".train_idx.npy").toStdString(), r.first.trainIndices);
        writeNpy((stem + ".test_idx.npy").toStdString(), r.first.testIndices);
        if (withBreakdown) cli::writeText(stem + ".by_group.csv", cli::breakdownCsv(r.summary, r.first.names, withRepeats));
    } else if (out.endsWith(".h5", Qt::CaseInsensitive)) {
        // `sets` point into the dataset: not used after it is moved.
        writeProjectResult(out, std::move(dataset), r, splitInfo, withRepeats || withBreakdown);
    } else {
        throw InputError(out.toStdString(), "", "the output must end in .json, .csv or .h5");
    }
    printTable(r, withRepeats);
    std::fprintf(stderr, "compare: wrote %s\n", qPrintable(out));
    return 0;
}

} // namespace

LE_REGISTER_COMMAND(
    "compare", "GFRE/GFRD/LFRE (and kernel GFRE, CKA, shape distance, ...) between every pair of per-atom feature sets",
    "Usage: latent-explorer compare STRUCTURES [FEATURE_FILES...] [--measures gfre,gfrd,lfre]\n"
    "           [--test-size N [--stratify-by KEY] [--seed S] [--repeats R]] [--by species|KEY]\n"
    "           [--k K] [--no-diagonal] [--landmarks N | --landmarks-idx L.npy] [--gamma G]\n"
    "           [--out FILE.json|.csv|.h5] [--no-mmap]\n\n"
    "Measures: gfre, gfrd, lfre (the paper's), kgfre (kernel GFRE, RBF Nystrom features of the\n"
    "source: N landmarks from the train rows, default 2000, or the dataset rows in L.npy; gamma G,\n"
    "default 1/median squared landmark distance), cka, dcka (linear and debiased CKA, all rows),\n"
    "procrustes (angular shape distance, all rows; adds a model map: MDS + dendrogram), ii\n"
    "(information imbalance, test rows), id (TwoNN intrinsic dimension per set, test rows).\n"
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
    "--repeats R draws R test sets with seeds S..S+R-1 (needs --test-size): measures become the\n"
    "means, with measures_std (sample s.d.) and measures_repeats (repeat r = a run with --seed\n"
    "S+r). --by species|KEY breaks GFRE/GFRD/LFRE down by group of test atoms: sqrt(mean of the\n"
    "squared pointwise values over the group's test atoms) in by_group[KEY][measure][source]\n"
    "[target][group] (.csv: STEM.by_group.csv).\n"
    "float32/float64 .npy files of 1 MiB or more are memory-mapped, so only the rows in use are\n"
    "held in memory; they must not be rewritten in place while the command runs. --no-mmap reads\n"
    "them into memory instead.\n"
    "Progress on stderr. Exit code 0 on success, 2 on bad input.\n"
    "With MPI: mpirun -np P latent-explorer compare ... spreads the work over P processes\n"
    "(GFRE/GFRD by source; LFRE neighbour search by train rows, local fits by test points; the\n"
    "other measures on rank 0); rank 0 writes the output.\n"
    "Paper protocol: compare data.extxyz a.npy b.npy --test-size 1000 --stratify-by subset",
    runCompare);
