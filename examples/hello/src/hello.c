/* The PkgForge sample package: small enough to build in well under a second. */
#include <stdio.h>

int main(void)
{
    puts("Hello from PkgForge!");
    return 0;
}
