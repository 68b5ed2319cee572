#pragma once
// Runs one job through the window's task runner when the view has one (progress, cancel,
// cache), or on Qt's thread pool otherwise (a view used on its own, e.g. in a test).
#include "ui/tasks/task_runner.h"

namespace le::ui {

void runInBackground(TaskRunner* runner, QObject* owner, const QString& title,
                     const QString& cacheKey, TaskRunner::Work work, TaskRunner::Done done,
                     TaskRunner::Failed failed);

} // namespace le::ui
