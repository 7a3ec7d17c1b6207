# cmake -DSCRIPT=layering.cmake -DWORK=<scratch folder> -P layering_catches.cmake
# The layering check must fail on a tree with an upward include and with
# cli/ reaching past a public header: a check that cannot fail proves nothing.
file(REMOVE_RECURSE ${WORK})
file(WRITE ${WORK}/impl/protocol.hpp "#include \"../cli/front.hpp\"\n")
file(WRITE ${WORK}/cli/front.hpp "#include \"../model/private.hpp\"\n#include \"../tsan/args.hpp\"\n")
file(WRITE ${WORK}/model/private.hpp "#include \"../tsan/args.hpp\"\n")
file(WRITE ${WORK}/tsan/args.hpp "#include \"../report/report.hpp\"\n")
file(WRITE ${WORK}/report/report.hpp "#include \"../impl/protocol.hpp\"\n")
execute_process(COMMAND ${CMAKE_COMMAND} -DROOT=${WORK} -P ${SCRIPT} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE out)
foreach(expected "3 include\\(s\\) run back up"
                 "impl/protocol.hpp includes cli/front.hpp: cli/ is not below impl/"
                 "cli/front.hpp includes model/private.hpp: not a public header of model/"
                 "model/private.hpp includes tsan/args.hpp: tsan/ is not below model/")
  if(rc EQUAL 0 OR NOT out MATCHES "${expected}")
    message(FATAL_ERROR "the layering check missed '${expected}' (exit ${rc}):\n${out}")
  endif()
endforeach()
if(out MATCHES "tsan/args.hpp includes|report/report.hpp includes|cli/front.hpp includes tsan/args.hpp")
  message(FATAL_ERROR "the layering check flagged a downward include:\n${out}")
endif()
message(STATUS "the layering check catches upward includes")
