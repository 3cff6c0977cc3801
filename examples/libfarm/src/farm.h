/* The interface of the sample library. */
#define FARM_GREETING "hello from libfarm"
