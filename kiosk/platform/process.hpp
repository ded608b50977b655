// The process and what surrounds it: its log under systemd's journal, its heap, which video
// driver SDL takes.
#pragma once

namespace kiosk::platform {

// Under systemd (JOURNAL_STREAM names our stderr), log lines carry their syslog priority.
void use_journal_if_present();

// Gives the heap's free pages back to the system (after caches were trimmed).
void release_free_memory();

// `name` ("kmsdrm", "wayland", "x11"; null: SDL chooses) as SDL_VIDEODRIVER, unless the
// environment already sets one. Before any other thread reads the environment.
void choose_video_driver(const char* name);
// After the screen could not be opened: what the chosen video output needs, on stderr.
void explain_video_failure();

} // namespace kiosk::platform
