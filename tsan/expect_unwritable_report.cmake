# A report file that cannot be written fails the run, after the report:
#   cmake -DPROGRAM=<path> -DARGS=<;-list> -P expect_unwritable_report.cmake
# ARGS name /dev/full for --json: exit 2, the report on stdout, and the
# reason as the last line of stderr.
execute_process(COMMAND ${PROGRAM} ${ARGS} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 2 OR NOT out MATCHES "\nOutcomes of "
   OR NOT err MATCHES "(^|\n)spancheck: cannot write --json file '/dev/full': No space left on device\n$")
  message(FATAL_ERROR "exit code ${code}, expected 2 after the report\nstdout:\n${out}\nstderr:\n${err}")
endif()
