/* iana-services.h - the services seen, as a table and as CSV.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_SERVICES_H
#define IANA_SERVICES_H

/* Register Statistics > IANA Services and tshark -z iana,services[,FILTER]
 * (a statistics table), and tshark -z iana,services,csv[,FILTER], on the
 * "iana" tap. */
void iana_services_register(void);

#endif /* IANA_SERVICES_H */
