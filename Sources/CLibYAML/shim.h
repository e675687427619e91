#ifndef GOVCHECK_CLIBYAML_SHIM_H
#define GOVCHECK_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
