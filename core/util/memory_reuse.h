#pragma once
// Process-wide allocator setting for the entry points (GUI, CLI, benchmarks).
//
// The metrics make and drop many short-lived buffers of 0.1–2 MB per LFRE point (neighbour
// blocks, LAPACK workspaces, Eigen temporaries). With glibc's defaults such buffers are
// mapped fresh from the kernel and unmapped again, so every use pays page faults, and with
// two threads the unmapping also interrupts the other core: up to a third of an LFRE fit at
// k = 256 in a benchmark of repeated fits.
// Keeping buffers below 32 MiB on the heap and up to 256 MiB of freed heap for reuse removes
// that cost; larger arrays (feature matrices) are still mapped and returned to the system.
namespace le {

void keepFreedMemoryForReuse();

} // namespace le
