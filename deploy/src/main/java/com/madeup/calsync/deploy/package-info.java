/** deploy: see the module README. */
package com.madeup.calsync.deploy;
