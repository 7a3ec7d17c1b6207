# expect_json_fields(<json> <path=value>...): fails unless each field of the
# JSON text has the value; a path names nested fields with dots
# ("violation.kind=leak").
function(expect_json_fields json)
  foreach(check IN LISTS ARGN)
    string(FIND "${check}" "=" eq)
    string(SUBSTRING "${check}" 0 ${eq} path)
    math(EXPR from "${eq} + 1")
    string(SUBSTRING "${check}" ${from} -1 expected)
    string(REPLACE "." ";" path "${path}")
    string(JSON actual GET "${json}" ${path})
    if(NOT actual STREQUAL expected)
      message(FATAL_ERROR "${check}: found '${actual}'")
    endif()
  endforeach()
endfunction()
