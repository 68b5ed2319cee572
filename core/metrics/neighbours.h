#pragma once
// k nearest train rows of every query row, by squared Euclidean distance computed as
// skmatter does, (‖x_tr‖² + ‖x_q‖²) − 2 x_q·x_tr. Equal distances are ordered by position in
// the train block (a stable sort, metrics.md §12).
//
// Work proceeds in fixed-size blocks of queries × train rows, so memory stays bounded whatever
// the train size, and the train rows are read through a gather, one block at a time: no copy
// of the whole train block is made. A matrix product (BLAS) screens the candidates; the
// distances that rank them are then recomputed pair by pair in a fixed summation order, so the
// lists do not depend on how the rows were blocked (BLAS kernels round an entry differently
// with the shape of the product), on the number of threads, or on how the train rows were
// shared among the processes of a distributed run.
#include <functional>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "core/dataset/feature_set.h"
#include "core/util/communicator.h"
#include "core/util/task_context.h"

namespace le {

struct NeighbourLists {
    Eigen::Index k = 0;                 // neighbours per query (min(k, n_train) after exclusions)
    Eigen::Index firstQuery = 0;        // lists are kept for queries firstQuery, firstQuery + 1, …
    std::vector<long long> positions;   // query-major: positions[(q − firstQuery)·k + j] = train position
    const long long* of(Eigen::Index query) const { return positions.data() + (query - firstQuery) * k; }
};

// The train rows a search reads. `gather(positions)` returns the (scaled) rows at those train
// positions as float64, one row each, in that order; it is called from several threads at once.
struct TrainRows {
    Eigen::Index count = 0; // n_train: positions 0 … count − 1
    std::function<MatrixD(const std::vector<long long>& positions)> gather;
};

// A search whose train rows are shared among the processes of a distributed run (issue #17):
// this process reads and searches only `searched` (ascending train positions), the processes
// exchange their best candidates (Communicator::allGather, once per chunk of queries) and
// every one merges them into exactly the lists a single search gives. Collective: every
// process calls it with the same queries, k and exclusions.
struct SearchPartition {
    const Communicator* comm = nullptr;
    std::vector<long long> searched;
    // Lists are returned for these queries only ([first, last) of the queries' rows; e.g. the
    // test points whose local fits this process runs); {0, −1} keeps all.
    std::pair<Eigen::Index, Eigen::Index> keptQueries{0, -1};
};

// `excludeSelf` (optional, one entry per query): a train position to leave out for that query
// (the query's own row when it is a training row), or -1. Throws OperationCancelled.
NeighbourLists nearestTrainRows(const TrainRows& train, const Eigen::MatrixXd& queries, Eigen::Index k,
                                const std::vector<long long>& excludeSelf, const TaskContext& ctx,
                                const SearchPartition* partition = nullptr);

// The squared distance that ranks a pair, (‖t‖² + ‖q‖²) − 2 q·t with every sum taken in one
// fixed order: the same bits for the same two rows wherever they are stored.
double rankingSquaredDistance(const double* query, const double* train, Eigen::Index d);

} // namespace le
