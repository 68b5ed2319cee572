#pragma once
// P ranks of a distributed run simulated by P threads of one test process, with collectives
// that behave like MPI's (every rank must call them in the same order). Lets a core test run
// the row-partitioned engine for P = 2, 3, 4 without mpirun.
#include <barrier>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "core/util/communicator.h"

namespace le::test {

class ThreadRanks {
public:
    explicit ThreadRanks(int ranks) : ranks_(ranks), slots_(std::size_t(ranks)), sync_(ranks) {}

    // Runs body(comm) on every rank, each in its own thread, and returns once all are done.
    // The first exception of any rank is rethrown (a rank that throws before a collective the
    // others reach would leave them waiting: bodies must fail only after their collectives, or
    // the test's timeout ends it).
    void run(const std::function<void(const Communicator&)>& body) {
        std::vector<std::exception_ptr> errors(static_cast<std::size_t>(ranks_));
        std::vector<std::thread> threads;
        for (int r = 0; r < ranks_; ++r)
            threads.emplace_back([&, r] {
                const Rank comm(*this, r);
                try {
                    body(comm);
                } catch (...) {
                    errors[std::size_t(r)] = std::current_exception();
                }
            });
        for (std::thread& t : threads) t.join();
        for (const std::exception_ptr& e : errors)
            if (e) std::rethrow_exception(e);
    }

private:
    class Rank final : public Communicator {
    public:
        Rank(ThreadRanks& all, int rank) : all_(all), rank_(rank) {}
        int rank() const override { return rank_; }
        int size() const override { return all_.ranks_; }
        std::vector<std::vector<double>> gatherToRoot(const std::vector<double>& mine) const override {
            std::vector<std::vector<double>> all = all_.exchange(rank_, mine);
            return rank_ == 0 ? all : std::vector<std::vector<double>>{};
        }
        std::vector<std::vector<double>> allGather(const std::vector<double>& mine) const override {
            return all_.exchange(rank_, mine);
        }

    private:
        ThreadRanks& all_;
        int rank_;
    };

    // Everyone posts, waits for all posts, copies them, and waits until all have copied
    // before the slots can be reused by the next collective.
    std::vector<std::vector<double>> exchange(int rank, const std::vector<double>& mine) {
        slots_[std::size_t(rank)] = mine;
        sync_.arrive_and_wait();
        std::vector<std::vector<double>> all = slots_;
        sync_.arrive_and_wait();
        return all;
    }

    int ranks_;
    std::vector<std::vector<double>> slots_;
    std::barrier<> sync_;
};

} // namespace le::test
