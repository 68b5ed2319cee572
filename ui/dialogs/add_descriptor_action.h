#pragma once
// Adding a built-in reference descriptor (SOAP, ACSF) to the open dataset: the button under
// the dataset panel's feature table and the Analysis menu entry open AddDescriptorDialog;
// the descriptor is computed on the task runner (progress, Cancel) and the workspace gets a
// copy of its dataset with the new feature set, so it takes part in every analysis.
#include <memory>

#include "core/dataset/dataset.h"
#include "core/descriptors/descriptor_spec.h"
#include "core/util/task_context.h"

class QPushButton;

namespace le::ui {

class MainWindow;

// A copy of `dataset` with the descriptor's feature set appended (worker thread).
std::shared_ptr<const Dataset> datasetWithDescriptor(const Dataset& dataset,
                                                     const DescriptorSpec& spec,
                                                     const TaskContext& ctx);

// Computes `spec` for the window's dataset in the background and swaps in the grown
// dataset: the user's feature choices (names, order, ticks) and subset filters are kept,
// the new set is appended ticked, and a comparison on screen is recomputed with it.
// Failures are reported like any task's; a dataset replaced meanwhile drops the result.
void addDescriptorInBackground(MainWindow& window, const DescriptorSpec& spec);

// Opens the dialog (remembering the last spec used) and, on OK, adds the descriptor.
void showAddDescriptorDialog(MainWindow& window);

// Adds the "Add reference descriptor…" button (returned, for tests) and menu entry.
QPushButton* installAddDescriptor(MainWindow& window);

} // namespace le::ui
