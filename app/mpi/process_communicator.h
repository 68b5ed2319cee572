#pragma once
// The communicator of this process: under mpirun (an MPI build started by mpirun), MPI's
// COMM_WORLD, initialised on first use and finalised at exit; otherwise a single process.
#include "core/util/communicator.h"

namespace le::cli {

const Communicator& processCommunicator();

} // namespace le::cli
