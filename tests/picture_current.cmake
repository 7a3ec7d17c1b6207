# The README's picture of the 39380e8e leak is the tool's own output, current:
#   cmake -DPROGRAM=<spancheck> -DOUT=<file.svg> -DEXPECTED=<docs/leak.svg> -P picture_current.cmake
file(REMOVE ${OUT})
execute_process(COMMAND ${PROGRAM} model --variant used --scenario two-poppers --svg ${OUT}
                RESULT_VARIABLE code OUTPUT_QUIET)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "exit code ${code}, expected 1 (the leak)")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${EXPECTED} RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "${EXPECTED} is not what spancheck draws now; redraw it: "
                      "build/spancheck model --variant used --scenario two-poppers --svg docs/leak.svg")
endif()
