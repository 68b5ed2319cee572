// Built without MPI: every run is one process.
#include "app/mpi/process_communicator.h"

namespace le::cli {

const Communicator& processCommunicator() {
    static const SerialCommunicator serial;
    return serial;
}

} // namespace le::cli
