# Runs one command and checks its exit code and output, for command-line tests:
#   cmake -DEXIT=<code> -DMATCH=<regex> [-DNOMATCH=<regex>] [-DARGS=<;-list>] -DPROGRAM=<path> -P expect.cmake
# MATCH is searched in stdout and stderr together, and NOMATCH must not be
# found there. For bad input the whole of stderr must be one line.
execute_process(COMMAND ${PROGRAM} ${ARGS}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL EXIT)
  message(FATAL_ERROR "exit code ${code}, expected ${EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT "${out}${err}" MATCHES "${MATCH}")
  message(FATAL_ERROR "output does not match '${MATCH}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED NOMATCH AND "${out}${err}" MATCHES "${NOMATCH}")
  message(FATAL_ERROR "output matches '${NOMATCH}', which it must not\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(EXIT STREQUAL "2")
  string(REGEX MATCHALL "\n" lines "${err}")
  list(LENGTH lines n)
  if(NOT n EQUAL 1 OR NOT out STREQUAL "")
    message(FATAL_ERROR "bad input must print exactly one line on stderr and nothing on stdout\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endif()
