// Built with MPI: ranks of MPI_COMM_WORLD when the process was started by mpirun (its
// environment says so), one process otherwise (no MPI start-up for plain runs).
#include "app/mpi/process_communicator.h"

#include <mpi.h>

#include <cstdlib>
#include <string>

#include "core/util/error.h"

namespace le::cli {

namespace {

void check(int code, const char* what) {
    if (code != MPI_SUCCESS) throw ComputeError(std::string("MPI: ") + what + " failed (error " + std::to_string(code) + ")");
}

class MpiCommunicator final : public Communicator {
public:
    MpiCommunicator() {
        check(MPI_Init(nullptr, nullptr), "MPI_Init");
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
    }
    ~MpiCommunicator() override { MPI_Finalize(); }
    int rank() const override { return rank_; }
    int size() const override { return size_; }
    std::vector<std::vector<double>> gatherToRoot(const std::vector<double>& mine) const override {
        return collect(mine, false);
    }
    std::vector<std::vector<double>> allGather(const std::vector<double>& mine) const override {
        return collect(mine, true);
    }

private:
    // Every rank's values to rank 0 (toAll = false) or to every rank, in rank order.
    std::vector<std::vector<double>> collect(const std::vector<double>& mine, bool toAll) const {
        const int count = int(mine.size());
        const bool receives = toAll || rank_ == 0;
        std::vector<int> counts(std::size_t(receives ? size_ : 0)), offsets(counts.size(), 0);
        if (toAll)
            check(MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD), "MPI_Allgather");
        else
            check(MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Gather");
        long long total = 0;
        for (std::size_t r = 0; r < counts.size(); ++r) {
            offsets[r] = int(total);
            total += counts[r];
        }
        std::vector<double> all(static_cast<std::size_t>(total));
        if (toAll)
            check(MPI_Allgatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(),
                                 MPI_DOUBLE, MPI_COMM_WORLD),
                  "MPI_Allgatherv");
        else
            check(MPI_Gatherv(mine.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE,
                              0, MPI_COMM_WORLD),
                  "MPI_Gatherv");
        std::vector<std::vector<double>> out;
        for (std::size_t r = 0; r < counts.size(); ++r)
            out.emplace_back(all.begin() + offsets[r], all.begin() + offsets[r] + counts[r]);
        return out;
    }

    int rank_ = 0, size_ = 1;
};

// Open MPI and MPICH/PMI launchers set these for every rank.
bool startedByMpirun() {
    return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
}

} // namespace

const Communicator& processCommunicator() {
    if (!startedByMpirun()) {
        static const SerialCommunicator serial;
        return serial;
    }
    static const MpiCommunicator world;
    return world;
}

} // namespace le::cli
