#pragma once
// The processes of a distributed run (MPI ranks) as the core sees them, without MPI: the
// command line passes an implementation (app/mpi/ when built with MPI, SerialCommunicator
// otherwise), so the core is compiled the same way with or without MPI.
#include <vector>

namespace le {

class Communicator {
public:
    virtual ~Communicator() = default;
    virtual int rank() const = 0;
    virtual int size() const = 0;
    // Collective: rank 0 receives every rank's values, in rank order; the others an empty list.
    virtual std::vector<std::vector<double>> gatherToRoot(const std::vector<double>& mine) const = 0;
    // Collective: every rank receives every rank's values, in rank order (ranks that combine
    // what each computed on its own rows, e.g. partial factorisations or neighbour candidates).
    virtual std::vector<std::vector<double>> allGather(const std::vector<double>& mine) const = 0;
    bool isRoot() const { return rank() == 0; }
};

// One process: rank 0 of 1.
class SerialCommunicator final : public Communicator {
public:
    int rank() const override { return 0; }
    int size() const override { return 1; }
    std::vector<std::vector<double>> gatherToRoot(const std::vector<double>& mine) const override { return {mine}; }
    std::vector<std::vector<double>> allGather(const std::vector<double>& mine) const override { return {mine}; }
};

} // namespace le
